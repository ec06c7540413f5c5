namespace Routing.Server.Edge.Limits;

/// <summary>Log messages of the edge's request limits: one line per refused request, no stack trace.</summary>
internal static partial class LimitsLog
{
    [LoggerMessage(EventId = 120, EventName = "MalformedRequest", Level = LogLevel.Information,
        Message = "Call {Method} refused: the request message could not be parsed ({Reason})")]
    public static partial void MalformedRequest(ILogger logger, string method, string reason);

    [LoggerMessage(EventId = 121, EventName = "AdminBodyRefused", Level = LogLevel.Information,
        Message = "Call {Path} refused before its body was read: {Reason}")]
    public static partial void AdminBodyRefused(ILogger logger, string path, string reason);
}
