namespace Routing.History.Feed;

/// <summary>A feed event before the store gives it a position (see <see cref="FeedEvent"/>).</summary>
internal sealed record FeedEntry(string TenantId, string Type, string Subject, DateTimeOffset At, string Data);
