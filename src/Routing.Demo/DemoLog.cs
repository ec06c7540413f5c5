using Microsoft.Extensions.Logging;

namespace Routing.Demo;

internal static partial class DemoLog
{
    [LoggerMessage(EventId = 200, EventName = "DemoStarted", Level = LogLevel.Information,
        Message = "Demo: {AgentCount} simulated agents ready; customers arrive at {ArrivalsPerSecond}/s across {QueueCount} queues")]
    public static partial void Started(ILogger logger, int agentCount, double arrivalsPerSecond, int queueCount);

    [LoggerMessage(EventId = 201, EventName = "DemoAgentsReady", Level = LogLevel.Information,
        Message = "Demo: tenant {TenantId}: {AgentCount} agents logged in and ready ({Agents})")]
    public static partial void AgentsReady(ILogger logger, string tenantId, int agentCount, string agents);

    [LoggerMessage(EventId = 202, EventName = "DemoNothingToDo", Level = LogLevel.Warning,
        Message = "Demo: no queue of the centre file has an eligible agent among those logged in; no customers will be simulated")]
    public static partial void NothingToDo(ILogger logger);

    [LoggerMessage(EventId = 203, EventName = "DemoSummary", Level = LogLevel.Information,
        Message = "Demo: {Created} created, {Connected} connected, {Completed} completed, {Abandoned} abandoned; offers {Rejected} rejected, {TimedOut} timed out; now {Waiting} waiting, {Ringing} ringing")]
    public static partial void Summary(ILogger logger, long created, long connected, long completed, long abandoned,
        long rejected, long timedOut, int waiting, int ringing);

    [LoggerMessage(EventId = 204, EventName = "DemoStopped", Level = LogLevel.Information,
        Message = "Demo stopped: {Created} created, {Connected} connected, {Completed} completed, {Abandoned} abandoned")]
    public static partial void Stopped(ILogger logger, long created, long connected, long completed, long abandoned);

    [LoggerMessage(EventId = 205, EventName = "DemoCustomerArrived", Level = LogLevel.Debug,
        Message = "Demo: customer {InteractionId} ({Channel}, priority {Priority}, needs [{Skills}]) arrived in {TenantId}/{QueueId}")]
    public static partial void CustomerArrived(ILogger logger, string interactionId, string channel, int priority, string skills, string tenantId, string queueId);

    [LoggerMessage(EventId = 206, EventName = "DemoCustomerHungUp", Level = LogLevel.Debug,
        Message = "Demo: customer {InteractionId} hung up after waiting {Waited}")]
    public static partial void CustomerHungUp(ILogger logger, string interactionId, TimeSpan waited);

    [LoggerMessage(EventId = 207, EventName = "DemoAgentAction", Level = LogLevel.Debug,
        Message = "Demo: agent {AgentId} {Action} {InteractionId}")]
    public static partial void AgentAction(ILogger logger, string agentId, string action, string interactionId);

    [LoggerMessage(EventId = 208, EventName = "DemoRefused", Level = LogLevel.Debug,
        Message = "Demo: {Who} could not {Action} {InteractionId}: {Reason}")]
    public static partial void Refused(ILogger logger, string who, string action, string interactionId, string reason);

    [LoggerMessage(EventId = 209, EventName = "DemoCallFailed", Level = LogLevel.Warning,
        Message = "Demo: {Who} could not {Action} {InteractionId}")]
    public static partial void CallFailed(ILogger logger, string who, string action, string interactionId, Exception exception);

    [LoggerMessage(EventId = 210, EventName = "DemoAgentBackFromNoAnswer", Level = LogLevel.Debug,
        Message = "Demo: agent {AgentId} was made not ready (no-answer) and sets itself ready again")]
    public static partial void BackFromNoAnswer(ILogger logger, string agentId);

    [LoggerMessage(EventId = 211, EventName = "DemoSubscriptionFailed", Level = LogLevel.Warning,
        Message = "Demo: renewing agent {AgentId}'s subscription failed")]
    public static partial void SubscriptionFailed(ILogger logger, string agentId, Exception exception);

    [LoggerMessage(EventId = 212, EventName = "DemoSummaryFailed", Level = LogLevel.Warning,
        Message = "Demo: reading the queues for the summary failed")]
    public static partial void SummaryFailed(ILogger logger, Exception exception);
}
