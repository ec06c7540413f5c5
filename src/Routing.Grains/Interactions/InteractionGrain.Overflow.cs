using Routing.Abstractions;
using Routing.Abstractions.Configuration;
using Routing.Abstractions.Interactions;
using Routing.Abstractions.Queues;
using Routing.Core;
using Routing.Core.Lifecycle;

namespace Routing.Grains.Interactions;

/// <summary>
/// Queue behaviour: the max-wait clock and the overflow action — move to another queue (in line
/// there before leaving this one, keeping the arrival time, like a supervisor's move) or end as Overflowed
/// with what the gateway should do. Orchestration here awaits only atomic queue methods (Enqueue, Remove).
/// </summary>
internal sealed partial class InteractionGrain
{
    /// <summary>Overflow moves from queue to queue at most this many times; the next overflow ends it (a loop guard).</summary>
    public const int MaxOverflowHops = InteractionCase.MaxOverflowHops;

    /// <summary>After Create put it in line: starts the queue's max-wait clock, or overflows at once when the
    /// queue's policy says so (closed, no agents; the queue did not put it in line then).</summary>
    private async Task ApplyAdmissionAsync(EnqueueReceipt receipt)
    {
        State.QueueClient = receipt.Client;
        if (receipt.OverflowNow is { } cause)
        {
            // Overflowing writes the state itself.
            await OverflowAsync(receipt.Overflow ?? OverflowAction.Disconnect, cause);
        }
        else
        {
            StartWaitClock(receipt);
            await _writer.WriteAsync();
        }
    }

    /// <summary>It entered a queue's line: that queue's max wait counts from now (the arrival time for scoring is kept),
    /// and the queue's record of when it entered is kept for a rejoin.</summary>
    private void StartWaitClock(EnqueueReceipt receipt)
    {
        State.LineEnteredAt = receipt.EnteredQueue;
        State.QueueClient = receipt.Client;
        State.WaitOverflow = receipt.MaxWait is null ? null : receipt.Overflow;
        Apply(Case.StartWaitClock(receipt.MaxWait, Now));
    }

    /// <summary>It joined another queue's line: the arrival that queue scores it by (when not its own), and that
    /// queue's max wait.</summary>
    private void JoinedLine(EnqueueReceipt receipt)
    {
        State.LineArrival = receipt.Arrival == State.Arrival ? null : receipt.Arrival;
        StartWaitClock(receipt);
    }

    /// <summary>Applies an overflow action to the waiting interaction.</summary>
    private async Task OverflowAsync(OverflowAction action, OverflowCause cause)
    {
        State.WaitOverflow = null;
        Apply(Case.StopWaitClock());
        if (action.Kind != OverflowActionKind.Queue)
        {
            await EndOverflowedAsync(new OverflowNotice { Action = action.Kind, Cause = cause, Message = action.Message });
            return;
        }
        var from = CurrentQueueId;
        var target = action.QueueId!;
        if (Case.RefuseOverflowHop(from, target) is { } tooMany)
        {
            await EndOverflowedAsync(new OverflowNotice { Action = OverflowActionKind.Disconnect, Cause = OverflowCause.TooManyHops, Message = tooMany.Message });
            return;
        }
        EnqueueReceipt receipt;
        try
        {
            receipt = await GrainFactory.QueueRouting(_tenantId, target).Enqueue(EnqueueRequest() with { Reason = EnqueueReason.Overflow });
        }
        catch (RoutingException exception)
        {
            // The target is full (or was removed since): the overflow ends it instead of leaving it waiting past its max wait.
            await EndOverflowedAsync(new OverflowNotice { Action = OverflowActionKind.Disconnect, Cause = OverflowCause.QueueFull, Message = exception.Message });
            return;
        }
        var moved = Case.MoveByOverflow(from, target, cause.ToString());
        JoinedLine(receipt);
        GrainLog.Overflowed(_logger, Key, from, moved.Notes[^1].Detail!);
        await CarryOutAsync(moved);
    }

    /// <summary>Queued → Overflowed (final): the event tells the gateway what to do with the customer.</summary>
    private async Task EndOverflowedAsync(OverflowNotice notice)
    {
        var detail = notice.Describe();
        var overflowed = Case.EndOverflowed(detail);
        Require(overflowed.Refusal);
        State.WaitOverflow = null;
        GrainLog.Overflowed(_logger, Key, CurrentQueueId, detail);
        await CarryOutAsync(overflowed, overflow: notice);
    }
}
