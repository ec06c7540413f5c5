using Grpc.Core;
using Microsoft.Extensions.Logging;
using Routing.Contracts.V1;

namespace Routing.SipGateway;

internal static partial class GatewayLog
{
    [LoggerMessage(1, LogLevel.Debug, "Call {InteractionId} at entry {Entry} queued in {QueueId} ({Mode})")]
    public static partial void CallQueued(ILogger logger, string interactionId, string entry, string queueId, EntryPointMode mode);

    [LoggerMessage(2, LogLevel.Information, "Call {InteractionId} refused by the cluster: {Status} {Detail}")]
    public static partial void EdgeRefused(ILogger logger, string interactionId, StatusCode status, string detail);

    [LoggerMessage(3, LogLevel.Error, "Call {InteractionId} failed in the gateway; the caller was answered 503")]
    public static partial void CallFailed(ILogger logger, Exception exception, string interactionId);

    [LoggerMessage(4, LogLevel.Debug, "Call {InteractionId} redirected to agent {AgentId}")]
    public static partial void Redirected(ILogger logger, string interactionId, string agentId);

    [LoggerMessage(5, LogLevel.Debug, "Call {InteractionId} abandoned: the caller cancelled")]
    public static partial void Abandoned(ILogger logger, string interactionId);

    [LoggerMessage(6, LogLevel.Warning, "Call {InteractionId}: the caller cancelled but the cluster did not take the hang-up: {Status} {Detail}")]
    public static partial void AbandonFailed(ILogger logger, string interactionId, StatusCode status, string detail);

    [LoggerMessage(7, LogLevel.Warning, "An INVITE was refused with 503: {MaxCalls} calls are in progress, the most allowed (Gateway:Calls:MaxCalls)")]
    public static partial void TooManyCalls(ILogger logger, int maxCalls);

    [LoggerMessage(8, LogLevel.Warning, "The phone of agent {AgentId} registered, but the cluster did not record it: {Status} {Detail}")]
    public static partial void ContactNotPublished(ILogger logger, string agentId, StatusCode status, string detail);

    [LoggerMessage(9, LogLevel.Warning, "Call {InteractionId}: agent {AgentId}'s endpoint '{Endpoint}' is not a SIP URI the gateway can ring; the offer is refused")]
    public static partial void PhoneUnreachable(ILogger logger, string interactionId, string agentId, string endpoint);

    [LoggerMessage(10, LogLevel.Debug, "Call {InteractionId}: agent {AgentId}'s phone answered {Status}; the offer is refused")]
    public static partial void PhoneRefused(ILogger logger, string interactionId, string agentId, int status);

    [LoggerMessage(11, LogLevel.Warning, "Call {InteractionId}: agent {AgentId}'s phone answered but the cluster refused the answer ({Status} {Detail}); the interaction is ended")]
    public static partial void AnswerRefused(ILogger logger, string interactionId, string agentId, StatusCode status, string detail);

    [LoggerMessage(12, LogLevel.Warning, "Call {InteractionId}: the refusal of agent {AgentId}'s phone was not recorded: {Status} {Detail}")]
    public static partial void DeclineFailed(ILogger logger, string interactionId, string agentId, StatusCode status, string detail);

    [LoggerMessage(13, LogLevel.Debug, "Call {InteractionId}: a BYE passed but the cluster did not take it: {Status} {Detail}")]
    public static partial void ByeNotRecorded(ILogger logger, string interactionId, StatusCode status, string detail);

    [LoggerMessage(14, LogLevel.Debug, "Call {InteractionId}: the agent's phone transfers it to '{Target}'; the caller is sent back to the gateway")]
    public static partial void TransferReferred(ILogger logger, string interactionId, string target);

    [LoggerMessage(15, LogLevel.Information, "Call {InteractionId}: the caller cancelled a call this gateway no longer held (it restarted); the call is abandoned")]
    public static partial void LostCallAbandoned(ILogger logger, string interactionId);
}
