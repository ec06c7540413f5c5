using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Routing.Abstractions;
using Routing.Abstractions.Webhooks;
using Routing.History.Feed;
using Routing.History.Webhooks;

namespace Routing.Grains.Webhooks;

/// <summary>
/// The one delivery pump of a webhook subscription in the cluster (a grain: one activation at a time). It follows the
/// tenant's feed from the subscription's delivered position and POSTs each matching event in order; an event that fails
/// every try becomes a dead letter and the pump goes on with the next. The delivered position is stored in the history
/// database with the subscription after each event, not in Orleans grain storage, so it survives a restart of the whole
/// cluster whatever grain storage the host uses (memory by default): a restart delivers at most the one event in flight
/// again (receivers deduplicate on webhook-id). A timer keeps the activation (and restarts a pump that failed); a
/// reminder brings it back on another silo after a silo is lost.
/// </summary>
public sealed class WebhookDeliveryGrain(IWebhookStore store, IEventFeed feed, WebhookSender sender, IOptions<WebhookOptions> options, TimeProvider clock,
    ILogger<WebhookDeliveryGrain> logger) : Grain, IWebhookDeliveryGrain, IRemindable
{
    private const string Reminder = "webhook-delivery";
    private static readonly TimeSpan WakePeriod = TimeSpan.FromMinutes(1);

    private readonly CancellationTokenSource _deactivating = new();
    private string _tenantId = "";
    private string _subscriptionId = "";
    private Task _pump = Task.CompletedTask;
    private Task _replay = Task.CompletedTask;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenantId, _subscriptionId) = GrainKeys.Parse(this.GetPrimaryKeyString());
        this.RegisterGrainTimer(static (grain, _) => grain.EnsurePumping(), this,
            new GrainTimerCreationOptions(WakePeriod, WakePeriod) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _deactivating.CancelAsync();
        await Task.WhenAll(_pump, _replay).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Current);
        _deactivating.Dispose();
    }

    public async Task Start()
    {
        await this.RegisterOrUpdateReminder(Reminder, WakePeriod, WakePeriod);
        await EnsurePumping();
    }

    public async Task Stop()
    {
        if (await this.GetReminder(Reminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        this.DeactivateOnIdle();
    }

    public async Task<int> ReplayDeadLetters()
    {
        var deadLetters = await store.ListDeadLettersAsync(_tenantId, _subscriptionId, _deactivating.Token);
        if (deadLetters.Count > 0 && _replay.IsCompleted && await store.FindAsync(_tenantId, _subscriptionId, _deactivating.Token) is { } subscription)
        {
            _replay = ReplayAsync(subscription, deadLetters, _deactivating.Token);
        }
        return deadLetters.Count;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => EnsurePumping();

    private Task EnsurePumping()
    {
        if (_pump.IsCompleted && !_deactivating.IsCancellationRequested)
        {
            _pump = PumpAsync(_deactivating.Token);
        }
        return Task.CompletedTask;
    }

    private async Task PumpAsync(CancellationToken stopping)
    {
        try
        {
            if (await store.FindAsync(_tenantId, _subscriptionId, stopping) is not { } subscription)
            {
                // Deleted: nothing to deliver, and nothing should wake this again.
                await Stop();
                return;
            }
            FeedTypeFilter.TryCreate(subscription.TypePatterns, out var filter, out _);
            await foreach (var stored in feed.FollowAsync(_tenantId, subscription.DeliveredPosition, filter, options.Value.PollInterval, stopping))
            {
                var attempt = await sender.DeliverAsync(subscription.TargetUrl, subscription.Secret, stored, stopping);
                if (!attempt.Delivered)
                {
                    await DeadLetterAsync(stored, attempt, stopping);
                }
                await store.SaveDeliveredAsync(_tenantId, _subscriptionId, stored.Position, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // The history store could not be read or written: the timer starts the pump again from the stored position.
            WebhookLog.PumpFailed(logger, _tenantId, _subscriptionId, exception);
        }
    }

    private async Task ReplayAsync(WebhookSubscription subscription, IReadOnlyList<WebhookDeadLetter> deadLetters, CancellationToken stopping)
    {
        try
        {
            foreach (var deadLetter in deadLetters)
            {
                var attempt = await sender.DeliverAsync(subscription.TargetUrl, subscription.Secret, deadLetter.Event, stopping);
                if (attempt.Delivered)
                {
                    await store.DeleteDeadLetterAsync(_tenantId, _subscriptionId, deadLetter.Event.Position, stopping);
                }
                else
                {
                    await DeadLetterAsync(deadLetter.Event, attempt, stopping);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            WebhookLog.PumpFailed(logger, _tenantId, _subscriptionId, exception);
        }
    }

    private async Task DeadLetterAsync(FeedEvent stored, WebhookAttempt attempt, CancellationToken stopping)
    {
        WebhookLog.DeadLetter(logger, _tenantId, _subscriptionId, stored.Position, attempt.Attempts, attempt.Error);
        await store.SaveDeadLetterAsync(_tenantId, new WebhookDeadLetter(_subscriptionId, stored, attempt.Attempts, attempt.Status, attempt.Error, clock.GetUtcNow()), stopping);
    }
}
