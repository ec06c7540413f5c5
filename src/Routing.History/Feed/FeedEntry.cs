namespace Routing.History.Feed;

/// <summary>A feed event before the store gives it a position (see <see cref="FeedEvent"/>). Its data (JSON) is in its
/// batch's <see cref="FeedEntries"/>, at <see cref="DataStart"/>; <see cref="Order"/> is when the batch added it.</summary>
internal readonly record struct FeedEntry(string TenantId, string Type, string Subject, DateTimeOffset At, int Order, int DataStart, int DataLength);
