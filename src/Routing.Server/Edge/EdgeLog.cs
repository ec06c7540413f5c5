namespace Routing.Server.Edge;

/// <summary>Log messages of the gRPC edge.</summary>
internal static partial class EdgeLog
{
    [LoggerMessage(EventId = 100, EventName = "DevelopmentSigningKey", Level = LogLevel.Warning,
        Message = "The gRPC edge accepts tokens signed with the development key (Routing:Edge:Auth:SigningKey). Anyone who has that key can act as any tenant: configure Routing:Edge:Auth:Authority in production")]
    public static partial void DevelopmentSigningKey(ILogger logger);

    [LoggerMessage(EventId = 101, EventName = "RateLimited", Level = LogLevel.Debug,
        Message = "Call {Path} refused by the rate limit of caller {Partition}")]
    public static partial void RateLimited(ILogger logger, string path, string partition);

    [LoggerMessage(EventId = 103, EventName = "SupervisorActionNotRecorded", Level = LogLevel.Warning,
        Message = "A supervisor action ({Action} of {TargetKind} '{TargetId}' by '{SupervisorId}') could not be queued for the history store")]
    public static partial void SupervisorActionNotRecorded(ILogger logger, string action, string targetKind, string targetId, string supervisorId);

    [LoggerMessage(EventId = 102, EventName = "WatchEnded", Level = LogLevel.Debug,
        Message = "Watch of {What} ended: {Reason}")]
    public static partial void WatchEnded(ILogger logger, string what, string reason);
}
