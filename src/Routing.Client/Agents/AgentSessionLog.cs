using Microsoft.Extensions.Logging;

namespace Routing.Client.Agents;

internal static partial class AgentSessionLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Agent {AgentId}: session {SessionId} started (resumed: {Resumed})")]
    public static partial void Started(ILogger logger, string agentId, string sessionId, bool resumed);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Agent {AgentId}: stream dropped, reconnecting")]
    public static partial void Dropped(ILogger logger, string agentId, Exception cause);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Agent {AgentId}: reconnect attempt {Attempt} failed, next in {Delay}")]
    public static partial void RetryScheduled(ILogger logger, string agentId, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Agent {AgentId}: session closed ({Reason})")]
    public static partial void Closed(ILogger logger, string agentId, string reason);
}
