using Microsoft.Extensions.Logging;

namespace Routing.Grains.Webhooks;

internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 700, EventName = "WebhookDeadLetter", Level = LogLevel.Warning,
        Message = "Webhook {SubscriptionId} of tenant {TenantId} gave up on event {Position} after {Attempts} tries: {Error}")]
    public static partial void DeadLetter(ILogger logger, string tenantId, string subscriptionId, long position, int attempts, string error);

    [LoggerMessage(EventId = 701, EventName = "WebhookPumpFailed", Level = LogLevel.Warning,
        Message = "Webhook {SubscriptionId} of tenant {TenantId} stopped delivering (it starts again within a minute)")]
    public static partial void PumpFailed(ILogger logger, string tenantId, string subscriptionId, Exception exception);
}
