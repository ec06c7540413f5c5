using Google.Protobuf.WellKnownTypes;
using Routing.History.Webhooks;
using Routing.Server.Edge.Events;

namespace Routing.Server.Edge.Webhooks;

internal static class WebhookMapping
{
    /// <summary>A subscription as listed: its secret is shown once, when it is created.</summary>
    public static Contracts.V1.Webhook ToProto(this WebhookSubscription subscription, bool withSecret = false) => new()
    {
        WebhookId = subscription.SubscriptionId,
        TargetUrl = subscription.TargetUrl.AbsoluteUri,
        Secret = withSecret ? subscription.Secret : "",
        TypePatterns = { subscription.TypePatterns },
        CreatedAt = Timestamp.FromDateTimeOffset(subscription.CreatedAt),
        DeliveredPosition = subscription.DeliveredPosition,
    };

    public static Contracts.V1.DeadLetter ToProto(this WebhookDeadLetter deadLetter) => new()
    {
        Event = deadLetter.Event.ToProto(),
        Attempts = deadLetter.Attempts,
        LastStatus = deadLetter.LastStatus,
        LastError = deadLetter.LastError,
        FailedAt = Timestamp.FromDateTimeOffset(deadLetter.FailedAt),
    };
}
