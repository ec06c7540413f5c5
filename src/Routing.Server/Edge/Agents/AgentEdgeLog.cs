namespace Routing.Server.Edge.Agents;

/// <summary>Log messages of the agents' session streams.</summary>
internal static partial class AgentEdgeLog
{
    [LoggerMessage(EventId = 140, EventName = "AgentSessionStarted", Level = LogLevel.Information,
        Message = "Agent {TenantId}/{AgentId} session {SessionId} started (resumed: {Resumed})")]
    public static partial void SessionStarted(ILogger logger, string tenantId, string agentId, string sessionId, bool resumed);

    [LoggerMessage(EventId = 141, EventName = "AgentSessionStreamEnded", Level = LogLevel.Information,
        Message = "Agent {TenantId}/{AgentId} session {SessionId} stream ended ({Reason})")]
    public static partial void StreamEnded(ILogger logger, string tenantId, string agentId, string sessionId, string reason);

    [LoggerMessage(EventId = 142, EventName = "AgentCommandFailed", Level = LogLevel.Error,
        Message = "Agent {TenantId}/{AgentId} command {Command} failed unexpectedly")]
    public static partial void CommandFailed(ILogger logger, Exception exception, string tenantId, string agentId, string command);

    [LoggerMessage(EventId = 146, EventName = "AgentCommandRepeatedAfterConflict", Level = LogLevel.Warning,
        Message = "Agent {TenantId}/{AgentId} command {Command} met a storage conflict (the stored state moved on without its grain); running it once more on the grain's next activation")]
    public static partial void CommandRepeatedAfterConflict(ILogger logger, Exception exception, string tenantId, string agentId, string command);

    [LoggerMessage(EventId = 143, EventName = "AgentSessionRenewFailed", Level = LogLevel.Warning,
        Message = "Agent {TenantId}/{AgentId} session {SessionId} could not renew its subscription; retrying next period")]
    public static partial void RenewFailed(ILogger logger, Exception exception, string tenantId, string agentId, string sessionId);

    [LoggerMessage(EventId = 144, EventName = "AgentSessionDetachFailed", Level = LogLevel.Warning,
        Message = "Agent {TenantId}/{AgentId} session {SessionId} could not be detached; the agent grain's own renewal slack applies")]
    public static partial void DetachFailed(ILogger logger, Exception exception, string tenantId, string agentId, string sessionId);

    [LoggerMessage(EventId = 145, EventName = "AgentCommandsRateLimited", Level = LogLevel.Warning,
        Message = "Agent {TenantId}/{AgentId}: {Refused} command(s) of its session stream refused by the caller's rate limit (at most one such line per stream every {IntervalSeconds} s)")]
    public static partial void CommandsRateLimited(ILogger logger, string tenantId, string agentId, int refused, double intervalSeconds);
}
