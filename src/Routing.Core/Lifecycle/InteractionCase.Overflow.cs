namespace Routing.Core.Lifecycle;

/// <summary>
/// Queue behaviour: the max-wait clock (counted from entering a queue, watched only while Queued) and the overflow
/// that follows it — a move to another queue, at most <see cref="MaxOverflowHops"/> times, or the end as Overflowed.
/// The grain asks the target queue between <see cref="RefuseOverflowHop"/> and <see cref="MoveByOverflow"/>.
/// </summary>
public sealed partial class InteractionCase
{
    /// <summary>Overflow moves from queue to queue at most this many times; the next overflow ends it (a loop guard).</summary>
    public const int MaxOverflowHops = 5;

    /// <summary>It entered a queue's line: that queue's <paramref name="maxWait"/> counts from now (none: no limit).</summary>
    public InteractionTransition StartWaitClock(TimeSpan? maxWait, DateTimeOffset now)
    {
        state.WaitDeadline = maxWait is { } wait ? now + wait : null;
        return InteractionTransition.Accept(InteractionEffects.RearmTimer);
    }

    /// <summary>The max wait is no longer watched (an overflow is under way).</summary>
    public InteractionTransition StopWaitClock()
    {
        state.WaitDeadline = null;
        return InteractionTransition.Accept(InteractionEffects.RearmTimer);
    }

    /// <summary>It has waited its queue's max wait.</summary>
    public bool WaitElapsed(DateTimeOffset now) => state.Status == InteractionStatus.Queued && state.WaitDeadline <= now;

    /// <summary>The refusal of one more overflow move (from <paramref name="fromQueueId"/> to <paramref name="toQueueId"/>)
    /// once it has overflowed <see cref="MaxOverflowHops"/> times: the overflow then ends it instead.</summary>
    public InteractionRefusal? RefuseOverflowHop(string fromQueueId, string toQueueId) => state.OverflowHops >= MaxOverflowHops
        ? new InteractionRefusal(InteractionRefusalKind.FailedPrecondition,
            $"overflowed {state.OverflowHops} times already; not moved from '{fromQueueId}' to '{toQueueId}'")
        : null;

    /// <summary>The target queue took it: it waits there (the grain starts that queue's wait clock with
    /// <see cref="StartWaitClock"/>) and leaves <paramref name="fromQueueId"/>, counted there as overflowed. Its status
    /// is kept (an offer may already ring from the new queue).</summary>
    public InteractionTransition MoveByOverflow(string fromQueueId, string toQueueId, string cause)
    {
        state.OverflowHops++;
        state.QueueId = toQueueId;
        return InteractionTransition.Accept(
            InteractionEffects.RemoveOverflowed | InteractionEffects.Write,
            [Note(InteractionEventKind.Moved, null, $"overflow ({cause}): {fromQueueId} → {toQueueId}")],
            leftQueue: fromQueueId);
    }

    /// <summary>Queued → Overflowed (final): its queue's overflow ends it; <paramref name="detail"/> tells why and what
    /// the gateway should do.</summary>
    public InteractionTransition EndOverflowed(string detail)
    {
        if (!InteractionLifecycle.TryNext(state.Status, InteractionTrigger.Overflow, out _))
        {
            return InteractionTransition.Refused(InteractionRefusalKind.FailedPrecondition, $"interaction '{interactionId}' is {state.Status}: only waiting work overflows");
        }
        Move(InteractionTrigger.Overflow);
        state.WaitDeadline = null;
        return InteractionTransition.Accept(
            InteractionEffects.StopWatchdog | InteractionEffects.RearmTimer | InteractionEffects.RemoveOverflowed | InteractionEffects.Write,
            [Note(InteractionEventKind.Overflowed, null, detail)]);
    }
}
