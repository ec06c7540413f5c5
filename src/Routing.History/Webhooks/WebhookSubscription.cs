namespace Routing.History.Webhooks;

/// <summary>
/// Where a tenant's event feed is POSTed as CloudEvents: <paramref name="TargetUrl"/>, the bodies signed with
/// <paramref name="Secret"/> (Standard Webhooks: <c>whsec_</c> and the key in base64), only the types
/// <paramref name="TypePatterns"/> match (all when empty), every event after <paramref name="DeliveredPosition"/> still to
/// send (delivered or dead-lettered up to it).
/// </summary>
public sealed record WebhookSubscription(
    string TenantId, string SubscriptionId, Uri TargetUrl, string Secret, IReadOnlyList<string> TypePatterns, DateTimeOffset CreatedAt, long DeliveredPosition);
