using Routing.Abstractions;
using Routing.Abstractions.Interactions;
using Routing.Abstractions.Queues;
using Routing.Core;
using Routing.Core.Lifecycle;

namespace Routing.Grains.Interactions;

/// <summary>What supervisors change on waiting work: its priority and its queue. The interaction keeps
/// its arrival time either way, so its seniority is kept. The rules are <see cref="InteractionCase"/>'s; here the
/// grain asks the queues.</summary>
internal sealed partial class InteractionGrain
{
    /// <summary>The priority it routes with: a supervisor's change, else the one it was created with. Read from state as
    /// <see cref="InteractionCase.CurrentPriority"/> reads it, without making a case on every offer and event.</summary>
    private int CurrentPriority => State.Priority ?? State.Spec!.Priority;

    public async Task<InteractionSnapshot> SetPriority(int priority)
    {
        var reprioritised = Case.Reprioritise(priority, InteractionSpec.MaxPriority);
        Require(reprioritised.Refusal);
        await CarryOutAsync(reprioritised);
        return Snapshot();
    }

    /// <summary>The queue it waits in: where a supervisor moved it, else the one it was created in (as
    /// <see cref="InteractionCase.CurrentQueueId"/>, read from state for the same reason).</summary>
    private string CurrentQueueId => State.QueueId ?? State.Spec!.QueueId;

    public async Task<InteractionSnapshot> MoveTo(string queueId)
    {
        Require(Case.RefuseMove(queueId));
        if (Case.AlreadyIn(queueId))
        {
            return Snapshot();
        }
        var from = CurrentQueueId;
        // In line at the new queue first (NotFound there changes nothing); for a moment both queues hold
        // it, which is safe: the interaction accepts one offer only, whichever queue makes it.
        // A full target refuses the move (ResourceExhausted) here too.
        var receipt = await GrainFactory.QueueRouting(_tenantId, queueId).Enqueue(EnqueueRequest() with { Reason = EnqueueReason.Move });
        await GrainFactory.QueueRouting(_tenantId, from).Remove(_interactionId, QueueExit.Moved);
        var moved = Case.MoveBySupervisor(from, queueId);
        StartWaitClock(receipt);
        await CarryOutAsync(moved);
        return Snapshot();
    }
}
