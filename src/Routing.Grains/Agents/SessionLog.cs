using Microsoft.Extensions.Logging;

namespace Routing.Grains.Agents;

/// <summary>Log lines of agent app sessions.</summary>
internal static partial class SessionLog
{
    [LoggerMessage(40, LogLevel.Information, "Agent {AgentKey} session {SessionId} attached{Replaced}")]
    public static partial void Attached(ILogger logger, string agentKey, string sessionId, string replaced);

    [LoggerMessage(41, LogLevel.Information, "Agent {AgentKey} session {SessionId} detached; grace period ends at {Deadline:O}")]
    public static partial void Detached(ILogger logger, string agentKey, string sessionId, DateTimeOffset deadline);

    [LoggerMessage(42, LogLevel.Warning, "Agent {AgentKey} session {SessionId} was not resumed within its grace period; the agent goes offline ({Ringing} ringing offer(s) withdrawn)")]
    public static partial void GraceExpired(ILogger logger, string agentKey, string sessionId, int ringing);

    [LoggerMessage(43, LogLevel.Error, "Session grace timer of agent {AgentKey} failed")]
    public static partial void GraceTimerFailed(ILogger logger, Exception exception, string agentKey);
}
