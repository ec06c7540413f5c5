using Routing.Abstractions;
using Routing.Abstractions.Interactions;
using Routing.Abstractions.Queues;
using Routing.Core;
using Routing.Core.Lifecycle;

namespace Routing.Grains.Interactions;

/// <summary>What supervisors change on waiting work: its priority and its queue. The interaction keeps
/// its arrival time either way, so its seniority is kept.</summary>
internal sealed partial class InteractionGrain
{
    /// <summary>The priority it routes with: a supervisor's change, else the one it was created with.</summary>
    private int CurrentPriority => State.Priority ?? State.Spec!.Priority;

    public async Task<InteractionSnapshot> SetPriority(int priority)
    {
        RequireCreated();
        if (priority is < 0 or > InteractionSpec.MaxPriority)
        {
            throw new RoutingException(RoutingError.InvalidArgument, $"priority {priority} is outside 0–{InteractionSpec.MaxPriority}");
        }
        if (State.Status is not (InteractionStatus.Queued or InteractionStatus.Offered))
        {
            throw new RoutingException(RoutingError.FailedPrecondition, $"interaction '{_interactionId}' is {State.Status}: only waiting or ringing work can change priority");
        }
        if (priority == CurrentPriority)
        {
            return Snapshot();
        }
        var before = CurrentPriority;
        State.Priority = priority;
        AddEvent(InteractionEventKind.Reprioritised, null, $"priority {before} → {priority}");
        // The queue re-scores its entry (in line, or kept for its return if an offer is ringing).
        await Queue.Reprioritise(_interactionId, priority);
        await _writer.WriteAsync();
        return Snapshot();
    }

    /// <summary>The queue it waits in: where a supervisor moved it, else the one it was created in.</summary>
    private string CurrentQueueId => State.QueueId ?? State.Spec!.QueueId;

    public async Task<InteractionSnapshot> MoveTo(string queueId)
    {
        RequireCreated();
        if (EntityId.Problem("queue", queueId) is { } problem)
        {
            throw new RoutingException(RoutingError.InvalidArgument, problem);
        }
        if (State.Status != InteractionStatus.Queued)
        {
            throw new RoutingException(RoutingError.FailedPrecondition, $"interaction '{_interactionId}' is {State.Status}: only waiting work can move to another queue");
        }
        var from = CurrentQueueId;
        if (queueId == from)
        {
            return Snapshot();
        }
        // In line at the new queue first (NotFound there changes nothing); for a moment both queues hold
        // it, which is safe: the interaction accepts one offer only, whichever queue makes it.
        // A full target refuses the move (ResourceExhausted) here too.
        var receipt = await GrainFactory.QueueRouting(_tenantId, queueId).Enqueue(EnqueueRequest() with { Reason = EnqueueReason.Move });
        await GrainFactory.QueueRouting(_tenantId, from).Remove(_interactionId, QueueExit.Moved);
        State.QueueId = queueId;
        StartWaitClock(receipt);
        AddEvent(InteractionEventKind.Moved, State.AgentId, $"{from} → {queueId}");
        await _writer.WriteAsync();
        return Snapshot();
    }
}
