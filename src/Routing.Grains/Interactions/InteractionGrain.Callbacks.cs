using Routing.Abstractions;
using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;

namespace Routing.Grains.Interactions;

/// <summary>
/// Callbacks. A waiting voice caller can ask to be called back: the interaction becomes a callback in place,
/// so it keeps its place in line and is routed like any interaction (to agents with callback capacity) when
/// its turn comes. A callback can also be created for a later time: it stays Scheduled (stored, with a
/// reminder due then, so it survives deactivation and silo loss) and joins the line when the time comes.
/// </summary>
internal sealed partial class InteractionGrain
{
    private const int MaxCallbackNumberLength = 64;

    /// <summary>The channel it is routed on: a caller who asked for a callback is a callback from then on.</summary>
    private Channel CurrentChannel => State.CallbackNumber is null ? State.Spec!.Channel : Channel.Callback;

    public async Task<InteractionSnapshot> RequestCallback(string number)
    {
        if (string.IsNullOrWhiteSpace(number) || number.Length > MaxCallbackNumberLength || number.Any(char.IsControl))
        {
            throw new RoutingException(RoutingError.InvalidArgument, $"a callback needs a number of 1–{MaxCallbackNumberLength} printable characters");
        }
        RequireCreated();
        if (State.CallbackNumber == number)
        {
            return Snapshot();
        }
        if (State.Status != InteractionStatus.Queued || CurrentChannel != Channel.Voice)
        {
            throw new RoutingException(RoutingError.FailedPrecondition,
                $"only a waiting voice interaction can become a callback; '{_interactionId}' is a {CurrentChannel} interaction, {State.Status}");
        }
        State.CallbackNumber = number;
        AddEvent(InteractionEventKind.CallbackRequested, null, number);
        await Queue.ChangeChannel(_interactionId, Channel.Callback);
        await _writer.WriteAsync();
        return Snapshot();
    }

    public async Task<InteractionSnapshot> CancelCallback()
    {
        RequireCreated();
        if (State.Status == InteractionStatus.Scheduled)
        {
            await CallbackHangupAsync();
            return Snapshot();
        }
        if (CurrentChannel != Channel.Callback || State.Status is not (InteractionStatus.Queued or InteractionStatus.Offered))
        {
            throw new RoutingException(RoutingError.FailedPrecondition,
                $"only a callback that has not been answered can be cancelled; '{_interactionId}' is a {CurrentChannel} interaction, {State.Status}");
        }
        return await CustomerLeftAsync();
    }

    /// <summary>Create for a callback due later: stored as Scheduled with a reminder due at that time.</summary>
    private async Task<InteractionSnapshot> ScheduleAsync(InteractionSpec spec, DateTimeOffset due)
    {
        if (due > Now + InteractionSpec.MaxScheduleAhead)
        {
            throw new RoutingException(RoutingError.InvalidArgument, $"a callback can be scheduled at most {InteractionSpec.MaxScheduleAhead.TotalDays:0} days ahead");
        }
        await RequireQueueAsync(spec.QueueId);
        State.Spec = spec;
        Move(InteractionTrigger.Schedule);
        State.Arrival = due;
        AddEvent(InteractionEventKind.Scheduled, null, due.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        await _writer.WriteAsync();
        await this.RegisterOrUpdateReminder(RecoveryReminder, due - Now, _reminderPeriod);
        return Snapshot();
    }

    /// <summary>A scheduled callback whose time has come joins its queue's line (its arrival is the scheduled time).</summary>
    private async Task JoinLineWhenDueAsync()
    {
        if (State.Status != InteractionStatus.Scheduled || State.Spec!.ScheduledFor > Now)
        {
            return;
        }
        Move(InteractionTrigger.JoinLine);
        AddEvent(InteractionEventKind.Queued, null, "scheduled callback due");
        try
        {
            await Queue.Enqueue(EnqueueRequest());
        }
        catch (RoutingException e)
        {
            // The queue was removed or refuses work meanwhile: the callback cannot be made.
            Move(InteractionTrigger.JoinRefused);
            AddEvent(InteractionEventKind.Abandoned, null, $"scheduled callback could not join its queue: {e.Message}");
            await _writer.WriteAsync();
            return;
        }
        StartWatchdog();
        await _writer.WriteAsync();
    }

    /// <summary>Hang-up handling particular to callbacks; true when it was handled here.</summary>
    private async Task<bool> CallbackHangupAsync()
    {
        if (State.Status == InteractionStatus.Scheduled)
        {
            // The customer (or the gateway for them) cancelled the scheduled callback.
            Move(InteractionTrigger.Abandon);
            AddEvent(InteractionEventKind.Abandoned, null, "scheduled callback cancelled");
            await _writer.WriteAsync();
            return true;
        }
        // The caller who asked for a callback left the voice call, as expected: the callback stands.
        return State.CallbackNumber is not null && State.Status is InteractionStatus.Queued or InteractionStatus.Offered;
    }
}
