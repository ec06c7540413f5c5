namespace Routing.History.Feed;

/// <summary>
/// One event of a tenant's feed: a fact the history store newly kept, at its <paramref name="Position"/> (1, 2, 3, …
/// per tenant, without gaps). <paramref name="Type"/> is reverse-DNS style (<see cref="FeedEventTypes"/>),
/// <paramref name="Subject"/> the interaction, agent or target it is about, <paramref name="At"/> when it happened and
/// <paramref name="Data"/> its JSON payload.
/// </summary>
public sealed record FeedEvent(string TenantId, long Position, string Type, string Subject, DateTimeOffset At, string Data);
