using Microsoft.Extensions.Logging;
using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;

namespace Routing.Grains;

/// <summary>Every log line the routing grains write.</summary>
internal static partial class GrainLog
{
    [LoggerMessage(1, LogLevel.Information, "Queued {InteractionKey} ({Channel}, priority {Priority}) in queue {QueueId} at position {Position}")]
    public static partial void Queued(ILogger logger, string interactionKey, Channel channel, int priority, string queueId, int position);

    [LoggerMessage(2, LogLevel.Information, "Offered {InteractionKey} from queue {QueueId} to agent {AgentId} (attempt {Attempt}, {Route})")]
    public static partial void Offered(ILogger logger, string interactionKey, string queueId, string agentId, int attempt, string route);

    [LoggerMessage(3, LogLevel.Information, "Offer of {InteractionKey} to agent {AgentId} ended: {Outcome}")]
    public static partial void OfferEnded(ILogger logger, string interactionKey, string agentId, OfferOutcome outcome);

    [LoggerMessage(4, LogLevel.Information, "{InteractionKey} connected to agent {AgentId} after {WaitSeconds:F1} s")]
    public static partial void Connected(ILogger logger, string interactionKey, string agentId, double waitSeconds);

    [LoggerMessage(5, LogLevel.Information, "{InteractionKey} completed by agent {AgentId} with disposition {Disposition}")]
    public static partial void Completed(ILogger logger, string interactionKey, string agentId, string disposition);

    [LoggerMessage(6, LogLevel.Information, "{InteractionKey} abandoned by the customer after {WaitSeconds:F1} s")]
    public static partial void Abandoned(ILogger logger, string interactionKey, double waitSeconds);

    [LoggerMessage(7, LogLevel.Debug, "Agent {AgentKey} is {Presence}{Reason}")]
    public static partial void PresenceChanged(ILogger logger, string agentKey, Presence presence, string reason);

    [LoggerMessage(8, LogLevel.Error, "Writing the state of {GrainKey} failed; it will be retried with the next change")]
    public static partial void StateWriteFailed(ILogger logger, Exception exception, string grainKey);

    [LoggerMessage(9, LogLevel.Error, "Routing pass of queue {QueueKey} failed")]
    public static partial void DispatchFailed(ILogger logger, Exception exception, string queueKey);

    [LoggerMessage(20, LogLevel.Warning, "Withdrawing {InteractionKey} from agent {AgentId} failed; the queue puts it back in line")]
    public static partial void WithdrawFailed(ILogger logger, Exception exception, string interactionKey, string agentId);

    [LoggerMessage(10, LogLevel.Error, "Agent {AgentKey} failed while looking for work")]
    public static partial void LookForWorkFailed(ILogger logger, Exception exception, string agentKey);

    [LoggerMessage(11, LogLevel.Error, "Timer of {InteractionKey} failed")]
    public static partial void TimerFailed(ILogger logger, Exception exception, string interactionKey);

    [LoggerMessage(12, LogLevel.Information, "Tenant {TenantId} configured: {Queues} queues, {Agents} agents")]
    public static partial void TenantConfigured(ILogger logger, string tenantId, int queues, int agents);

    [LoggerMessage(13, LogLevel.Warning, "Agent {AgentKey} was made not ready after {Misses} unanswered offers")]
    public static partial void NoAnswer(ILogger logger, string agentKey, int misses);

    [LoggerMessage(14, LogLevel.Information, "{InteractionKey} transferred by agent {AgentId}: {Detail}")]
    public static partial void Transferred(ILogger logger, string interactionKey, string agentId, string detail);

    [LoggerMessage(15, LogLevel.Information, "Consult of {InteractionKey} by agent {AgentId} with {Target} ended: {Detail}")]
    public static partial void ConsultEnded(ILogger logger, string interactionKey, string agentId, string target, string detail);

    [LoggerMessage(16, LogLevel.Information, "{InteractionKey}: agent {AgentId} completed its transferred leg with disposition {Disposition}")]
    public static partial void LegCompleted(ILogger logger, string interactionKey, string agentId, string disposition);

    [LoggerMessage(17, LogLevel.Information, "{InteractionKey}: agent {AgentId} extended its wrap-up by {Seconds} s, until {Until}")]
    public static partial void WrapUpExtended(ILogger logger, string interactionKey, string agentId, double seconds, DateTimeOffset until);

    [LoggerMessage(18, LogLevel.Information, "{InteractionKey} overflowed on arrival at queue {QueueId}: {Cause}")]
    public static partial void OverflowedOnArrival(ILogger logger, string interactionKey, string queueId, OverflowCause cause);

    [LoggerMessage(19, LogLevel.Information, "{InteractionKey} overflowed from queue {QueueId}: {Detail}")]
    public static partial void Overflowed(ILogger logger, string interactionKey, string queueId, string detail);
}
