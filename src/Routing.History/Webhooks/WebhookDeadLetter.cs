using Routing.History.Feed;

namespace Routing.History.Webhooks;

/// <summary>An event a subscription gave up on after <paramref name="Attempts"/> tries: the last HTTP status
/// (<paramref name="LastStatus"/>, 0 when there was no answer) and what went wrong.</summary>
public sealed record WebhookDeadLetter(string SubscriptionId, FeedEvent Event, int Attempts, int LastStatus, string LastError, DateTimeOffset FailedAt);
