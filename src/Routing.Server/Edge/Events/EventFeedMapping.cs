using Google.Protobuf.WellKnownTypes;

namespace Routing.Server.Edge.Events;

internal static class EventFeedMapping
{
    public static Contracts.V1.FeedEvent ToProto(this Routing.History.Feed.FeedEvent stored) => new()
    {
        Position = stored.Position,
        TenantId = stored.TenantId,
        Type = stored.Type,
        Subject = stored.Subject,
        Time = Timestamp.FromDateTimeOffset(stored.At),
        DataJson = stored.Data,
    };
}
