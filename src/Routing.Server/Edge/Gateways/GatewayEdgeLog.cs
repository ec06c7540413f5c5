namespace Routing.Server.Edge.Gateways;

/// <summary>Log messages of the gateways' session streams.</summary>
internal static partial class GatewayEdgeLog
{
    [LoggerMessage(EventId = 190, EventName = "GatewayCommandsRateLimited", Level = LogLevel.Warning,
        Message = "A gateway session of tenant {TenantId} sends commands past its rate limit; they are refused (logged once per session)")]
    public static partial void CommandsRateLimited(ILogger logger, string tenantId);

    [LoggerMessage(EventId = 191, EventName = "GatewayCommandFailed", Level = LogLevel.Error,
        Message = "A gateway session's {Command} command in tenant {TenantId} failed unexpectedly")]
    public static partial void CommandFailed(ILogger logger, Exception exception, string tenantId, string command);

    [LoggerMessage(EventId = 192, EventName = "GatewayFollowFailed", Level = LogLevel.Warning,
        Message = "A gateway session of tenant {TenantId} could not pass on an event of interaction {InteractionId} ({Reason}); its next renewal sends it")]
    public static partial void FollowFailed(ILogger logger, string tenantId, string interactionId, string reason);
}
