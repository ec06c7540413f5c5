namespace Routing.Server.Edge.Events;

internal static partial class EventFeedEdgeLog
{
    [LoggerMessage(EventId = 410, EventName = "FeedUnreadable", Level = LogLevel.Warning,
        Message = "Event feed or webhooks of tenant {TenantId} failed: the history store could not be reached")]
    public static partial void FeedUnreadable(ILogger logger, string tenantId, Exception exception);
}
