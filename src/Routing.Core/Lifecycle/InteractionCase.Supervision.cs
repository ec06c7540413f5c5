namespace Routing.Core.Lifecycle;

/// <summary>
/// What supervisors change on waiting work: its priority (waiting or ringing) and its queue (waiting only). It keeps its
/// arrival time either way, so its seniority is kept. The grain asks the queues between <see cref="RefuseMove"/> and
/// <see cref="MoveBySupervisor"/>.
/// </summary>
public sealed partial class InteractionCase
{
    /// <summary>The priority it routes with: a supervisor's change, else the one it was created with.</summary>
    public int CurrentPriority => state.Priority ?? state.CreatedPriority;

    /// <summary>The queue it waits in: where it was moved or transferred to, else the one it was created in.</summary>
    public string CurrentQueueId => state.QueueId ?? state.CreatedQueueId;

    /// <summary>A supervisor sets its priority to <paramref name="priority"/> (0–<paramref name="maxPriority"/>) while it
    /// waits or rings; the same priority again changes nothing. Its queue re-scores its entry (in line, or kept for its
    /// return if an offer is ringing).</summary>
    public InteractionTransition Reprioritise(int priority, int maxPriority)
    {
        if (RefuseUnlessCreated() is { } missing)
        {
            return InteractionTransition.Refused(missing);
        }
        if (priority < 0 || priority > maxPriority)
        {
            return InteractionTransition.Refused(InteractionRefusalKind.InvalidArgument, $"priority {priority} is outside 0–{maxPriority}");
        }
        if (state.Status is not (InteractionStatus.Queued or InteractionStatus.Offered))
        {
            return InteractionTransition.Refused(InteractionRefusalKind.FailedPrecondition,
                $"interaction '{interactionId}' is {state.Status}: only waiting or ringing work can change priority");
        }
        var before = CurrentPriority;
        if (priority == before)
        {
            return InteractionTransition.Accept(InteractionEffects.None);
        }
        state.Priority = priority;
        return InteractionTransition.Accept(
            InteractionEffects.Reprioritise | InteractionEffects.Write,
            [Note(InteractionEventKind.Reprioritised, null, $"priority {before} → {priority}")]);
    }

    /// <summary>The refusal of a supervisor's move to <paramref name="queueId"/>: only waiting work moves.</summary>
    public InteractionRefusal? RefuseMove(string queueId)
    {
        if (RefuseUnlessCreated() is { } missing)
        {
            return missing;
        }
        if (EntityId.Problem("queue", queueId) is { } problem)
        {
            return new InteractionRefusal(InteractionRefusalKind.InvalidArgument, problem);
        }
        return state.Status != InteractionStatus.Queued
            ? new InteractionRefusal(InteractionRefusalKind.FailedPrecondition,
                $"interaction '{interactionId}' is {state.Status}: only waiting work can move to another queue")
            : null;
    }

    /// <summary>It waits in <paramref name="queueId"/> already: a move there changes nothing.</summary>
    public bool AlreadyIn(string queueId) => CurrentQueueId == queueId;

    /// <summary>A supervisor's move: <paramref name="toQueueId"/> took it and <paramref name="fromQueueId"/> let it go
    /// (the grain starts the new queue's wait clock with <see cref="StartWaitClock"/>). Its status is kept (an offer may
    /// already ring from the new queue), and a supervisor's move is not an overflow hop.</summary>
    public InteractionTransition MoveBySupervisor(string fromQueueId, string toQueueId)
    {
        state.QueueId = toQueueId;
        return InteractionTransition.Accept(
            InteractionEffects.Write,
            [Note(InteractionEventKind.Moved, state.AgentId, $"{fromQueueId} → {toQueueId}")]);
    }
}
