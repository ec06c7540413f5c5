namespace Routing.Server.Edge.Events;

internal static partial class EventFeedEdgeLog
{
    [LoggerMessage(EventId = 410, EventName = "FeedUnreadable", Level = LogLevel.Warning,
        Message = "Event feed of tenant {TenantId} failed: the history store could not be read")]
    public static partial void FeedUnreadable(ILogger logger, string tenantId, Exception exception);
}
