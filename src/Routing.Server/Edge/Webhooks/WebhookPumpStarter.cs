using Microsoft.Extensions.Options;
using Routing.Abstractions;
using Routing.Abstractions.Webhooks;
using Routing.History;
using Routing.History.Webhooks;

namespace Routing.Server.Edge.Webhooks;

/// <summary>
/// Starts the delivery pump of every stored webhook subscription once the silo runs, so a restarted cluster resumes
/// delivering at once from each subscription's stored position (reminders kept in memory do not survive a restart).
/// Several silos doing this at once is harmless: each subscription has one pump. In the background: an unreachable
/// history store delays webhooks, not start-up; it is tried again until it answers.
/// </summary>
internal sealed partial class WebhookPumpStarter(IWebhookStore store, IGrainFactory grains, IOptions<HistoryOptions> history, ILogger<WebhookPumpStarter> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!history.Value.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var subscriptions = await store.ListAllAsync(stoppingToken);
                await Task.WhenAll(subscriptions.Select(subscription =>
                    grains.GetGrain<IWebhookDeliveryGrain>(GrainKeys.Compose(subscription.TenantId, subscription.SubscriptionId)).Start()));
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                StartFailed(logger, RetryDelay, exception);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    [LoggerMessage(EventId = 420, EventName = "WebhookPumpsNotStarted", Level = LogLevel.Warning,
        Message = "The webhook pumps could not be started; trying again in {Delay}")]
    private static partial void StartFailed(ILogger logger, TimeSpan delay, Exception exception);
}
