using Routing.Abstractions.Interactions;
using Routing.Configuration;
using Core = Routing.Core;
using Routing.Core.Lifecycle;
using V1 = Routing.Contracts.V1;

namespace Routing.Server.Edge.Mapping;

/// <summary>Maps interactions (interaction.proto, common.proto) to and from the grain records.</summary>
public static class InteractionMapping
{
    public static V1.InteractionStatus ToProto(this Core.InteractionStatus status) => status switch
    {
        Core.InteractionStatus.Queued => V1.InteractionStatus.Queued,
        Core.InteractionStatus.Offered => V1.InteractionStatus.Offered,
        Core.InteractionStatus.Connected => V1.InteractionStatus.Connected,
        Core.InteractionStatus.WrapUp => V1.InteractionStatus.WrapUp,
        Core.InteractionStatus.Completed => V1.InteractionStatus.Completed,
        Core.InteractionStatus.Abandoned => V1.InteractionStatus.Abandoned,
        Core.InteractionStatus.Overflowed => V1.InteractionStatus.Overflowed,
        Core.InteractionStatus.Rejected => V1.InteractionStatus.Rejected,
        Core.InteractionStatus.Scheduled => V1.InteractionStatus.Scheduled,
        _ => V1.InteractionStatus.Unspecified,
    };

    public static V1.InteractionEventKind ToProto(this InteractionEventKind kind) => kind switch
    {
        InteractionEventKind.Queued => V1.InteractionEventKind.Queued,
        InteractionEventKind.Offered => V1.InteractionEventKind.Offered,
        InteractionEventKind.OfferRejected => V1.InteractionEventKind.OfferRejected,
        InteractionEventKind.OfferTimedOut => V1.InteractionEventKind.OfferTimedOut,
        InteractionEventKind.OfferRescinded => V1.InteractionEventKind.OfferRescinded,
        InteractionEventKind.Connected => V1.InteractionEventKind.Connected,
        InteractionEventKind.Ended => V1.InteractionEventKind.Ended,
        InteractionEventKind.Completed => V1.InteractionEventKind.Completed,
        InteractionEventKind.Abandoned => V1.InteractionEventKind.Abandoned,
        InteractionEventKind.Reprioritised => V1.InteractionEventKind.Reprioritised,
        InteractionEventKind.Moved => V1.InteractionEventKind.Moved,
        InteractionEventKind.Transferred => V1.InteractionEventKind.Transferred,
        InteractionEventKind.ConsultStarted => V1.InteractionEventKind.ConsultStarted,
        InteractionEventKind.ConsultFailed => V1.InteractionEventKind.ConsultFailed,
        InteractionEventKind.ConsultCancelled => V1.InteractionEventKind.ConsultCancelled,
        InteractionEventKind.CallbackRequested => V1.InteractionEventKind.CallbackRequested,
        InteractionEventKind.Scheduled => V1.InteractionEventKind.Scheduled,
        InteractionEventKind.Overflowed => V1.InteractionEventKind.Overflowed,
        _ => V1.InteractionEventKind.Unspecified,
    };

    public static V1.InteractionEvent ToProto(this InteractionEvent e, string? agentEndpoint = null) => new()
    {
        InteractionId = e.InteractionId,
        Sequence = e.Sequence,
        At = e.At.ToProto(),
        Kind = e.Kind.ToProto(),
        Status = e.Status.ToProto(),
        QueueId = e.QueueId,
        AgentId = e.AgentId.OrEmpty(),
        Detail = e.Detail.OrEmpty(),
        AgentEndpoint = agentEndpoint.OrEmpty(),
        Overflow = e.Overflow?.ToProto(),
    };

    public static V1.OverflowNotice ToProto(this OverflowNotice notice) => new()
    {
        Action = notice.Action.ToProto(),
        Cause = notice.Cause switch
        {
            OverflowCause.MaxWait => V1.OverflowCause.MaxWait,
            OverflowCause.Closed => V1.OverflowCause.Closed,
            OverflowCause.NoAgents => V1.OverflowCause.NoAgents,
            OverflowCause.QueueFull => V1.OverflowCause.QueueFull,
            OverflowCause.TooManyHops => V1.OverflowCause.TooManyHops,
            _ => V1.OverflowCause.Unspecified,
        },
        Message = notice.Message.OrEmpty(),
    };

    public static V1.InteractionSnapshot ToProto(this InteractionSnapshot snapshot)
    {
        var proto = new V1.InteractionSnapshot
        {
            InteractionId = snapshot.InteractionId,
            Status = snapshot.Status.ToProto(),
            QueueId = snapshot.QueueId,
            Channel = snapshot.Channel.ToProto(),
            Priority = snapshot.Priority,
            Arrival = snapshot.Arrival.ToProto(),
            AgentId = snapshot.AgentId.OrEmpty(),
            OfferDeadline = snapshot.OfferDeadline?.ToProto(),
            WrapUpDeadline = snapshot.WrapUpDeadline?.ToProto(),
            Disposition = snapshot.Disposition?.ToProto(),
            OfferAttempts = snapshot.OfferAttempts,
            WaitDeadline = snapshot.WaitDeadline?.ToProto(),
        };
        proto.Events.AddRange(snapshot.Events.Select(e => e.ToProto()));
        proto.Legs.AddRange(snapshot.Legs.Select(l => l.ToProto()));
        return proto;
    }

    public static V1.Disposition ToProto(this Disposition disposition) => new() { Code = disposition.Code, Note = disposition.Note.OrEmpty() };

    public static V1.InteractionLeg ToProto(this InteractionLeg leg) => new()
    {
        AgentId = leg.AgentId,
        QueueId = leg.QueueId,
        ConnectedAt = leg.ConnectedAt.ToProto(),
        EndedAt = leg.EndedAt?.ToProto(),
        Transferred = leg.Transferred,
        WrapUpDeadline = leg.WrapUpDeadline?.ToProto(),
        CompletedAt = leg.CompletedAt?.ToProto(),
        Disposition = leg.Disposition?.ToProto(),
    };

    /// <summary>The transfer <paramref name="fromAgentId"/> asks for; InvalidArgument when the target is missing
    /// or its timeout is not a valid duration (the grain checks the rest).</summary>
    public static TransferRequest ToTransferRequest(this V1.TransferTarget? target, string fromAgentId)
    {
        if (target is null)
        {
            throw EdgeRequests.InvalidArgument("the transfer needs a target: a queue_id or an agent_id");
        }
        var timeout = ProtoTime.ToSpan(target.Timeout, "the transfer timeout");
        return new TransferRequest
        {
            FromAgentId = fromAgentId,
            QueueId = target.QueueId.NullIfEmpty(),
            AgentId = target.AgentId.NullIfEmpty(),
            Consult = target.Consult,
            Timeout = timeout,
            FallbackQueueId = target.FallbackQueueId.NullIfEmpty(),
        };
    }

    /// <summary>The spec a create request stands for, or null when its channel is unknown; InvalidArgument when
    /// scheduled_for is not a valid timestamp.</summary>
    public static InteractionSpec? ToSpec(this V1.CreateInteractionRequest request)
    {
        if (request.Channel.ToCore() is not { } channel)
        {
            return null;
        }
        return new InteractionSpec
        {
            QueueId = request.QueueId,
            Channel = channel,
            Priority = request.Priority,
            CustomerId = request.CustomerId.NullIfEmpty(),
            CustomerNumber = request.CustomerNumber.NullIfEmpty(),
            PreferredAgentId = request.PreferredAgentId.NullIfEmpty(),
            RequiredSkills = [.. request.RequiredSkills.Select(s => s.ToCore())],
            Attributes = new Dictionary<string, string>(request.Attributes, StringComparer.Ordinal),
            ScheduledFor = ProtoTime.ToInstant(request.ScheduledFor, "scheduled_for"),
        };
    }
}
