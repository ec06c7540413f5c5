using System.Globalization;

namespace Routing.Core.Lifecycle;

/// <summary>
/// Callbacks: a waiting voice caller becomes a callback in place (it keeps its place in line); a callback created
/// for later stays Scheduled until its time, then joins its queue's line (or, refused there, ends as Rejected).
/// </summary>
public sealed partial class InteractionCase
{
    /// <summary>The longest callback number accepted.</summary>
    public const int MaxCallbackNumberLength = 64;

    /// <summary>The channel it is routed on: a caller who asked for a callback is a callback from then on.</summary>
    public Channel CurrentChannel => state.CallbackNumber is null ? state.CreatedChannel : Channel.Callback;

    /// <summary>The waiting voice caller asks to be called back at <paramref name="number"/>. Asked again with the
    /// same number, it changes nothing and asks for nothing.</summary>
    public InteractionTransition RequestCallback(string number)
    {
        if (string.IsNullOrWhiteSpace(number) || number.Length > MaxCallbackNumberLength || number.Any(char.IsControl))
        {
            return InteractionTransition.Refused(InteractionRefusalKind.InvalidArgument, $"a callback needs a number of 1–{MaxCallbackNumberLength} printable characters");
        }
        if (RefuseUnlessCreated() is { } missing)
        {
            return InteractionTransition.Refused(missing);
        }
        if (state.CallbackNumber == number)
        {
            return InteractionTransition.Accept(InteractionEffects.None);
        }
        if (state.Status != InteractionStatus.Queued || CurrentChannel != Channel.Voice)
        {
            return InteractionTransition.Refused(InteractionRefusalKind.FailedPrecondition,
                $"only a waiting voice interaction can become a callback; '{interactionId}' is a {CurrentChannel} interaction, {state.Status}");
        }
        state.CallbackNumber = number;
        return InteractionTransition.Accept(
            InteractionEffects.ChangeToCallback | InteractionEffects.Write,
            [Note(InteractionEventKind.CallbackRequested, null, number)]);
    }

    /// <summary>The refusal of cancelling a callback that is not waiting or ringing (a scheduled one is cancelled by
    /// <see cref="CancelScheduled"/>).</summary>
    public InteractionRefusal? RefuseCallbackCancel() =>
        CurrentChannel != Channel.Callback || state.Status is not (InteractionStatus.Queued or InteractionStatus.Offered)
            ? new InteractionRefusal(InteractionRefusalKind.FailedPrecondition,
                $"only a callback that has not been answered can be cancelled; '{interactionId}' is a {CurrentChannel} interaction, {state.Status}")
            : null;

    /// <summary>The caller who asked for a callback left the voice call, as expected: the callback stands.</summary>
    public bool CallbackStands => state.CallbackNumber is not null && state.Status is InteractionStatus.Queued or InteractionStatus.Offered;

    /// <summary>The refusal of a callback scheduled more than <paramref name="maxAhead"/> ahead of <paramref name="now"/>.</summary>
    public static InteractionRefusal? RefuseSchedule(DateTimeOffset due, TimeSpan maxAhead, DateTimeOffset now) => due > now + maxAhead
        ? new InteractionRefusal(InteractionRefusalKind.InvalidArgument, $"a callback can be scheduled at most {maxAhead.TotalDays:0} days ahead")
        : null;

    /// <summary>None → Scheduled: created as a callback due at <paramref name="due"/> (its arrival).</summary>
    public InteractionTransition Schedule(DateTimeOffset due)
    {
        if (state.Status != InteractionStatus.None)
        {
            return InteractionTransition.Refused(InteractionRefusalKind.FailedPrecondition, $"interaction '{interactionId}' is {state.Status}: only a new interaction is scheduled");
        }
        Move(InteractionTrigger.Schedule);
        state.Arrival = due;
        return InteractionTransition.Accept(
            InteractionEffects.Write,
            [Note(InteractionEventKind.Scheduled, null, due.ToString("O", CultureInfo.InvariantCulture))]);
    }

    /// <summary>Scheduled → Queued once <paramref name="scheduledFor"/> has come: the grain asks its queue next.</summary>
    public InteractionTransition JoinLineWhenDue(DateTimeOffset? scheduledFor, DateTimeOffset now)
    {
        if (state.Status != InteractionStatus.Scheduled || scheduledFor > now)
        {
            return InteractionTransition.Refused(InteractionRefusalKind.FailedPrecondition, $"interaction '{interactionId}' is not a callback due now: it is {state.Status}");
        }
        Move(InteractionTrigger.JoinLine);
        return InteractionTransition.Accept(InteractionEffects.None, [Note(InteractionEventKind.Queued, null, "scheduled callback due")]);
    }

    /// <summary>The due callback's queue took it: it waits in line.</summary>
    public InteractionTransition CallbackInLine() => InteractionTransition.Accept(InteractionEffects.StartWatchdog | InteractionEffects.Write);

    /// <summary>Queued → Rejected: the due callback's queue was removed or refuses work (<paramref name="why"/>), so it cannot be made.</summary>
    public InteractionTransition CallbackRefused(string why)
    {
        if (state.Status != InteractionStatus.Queued)
        {
            return InteractionTransition.Refused(InteractionRefusalKind.FailedPrecondition, $"interaction '{interactionId}' is {state.Status}: only a callback joining its line is refused");
        }
        Move(InteractionTrigger.JoinRefused);
        return InteractionTransition.Accept(InteractionEffects.Write, [Note(InteractionEventKind.Abandoned, null, $"scheduled callback could not join its queue: {why}")]);
    }

    /// <summary>Scheduled → Abandoned: the customer (or the gateway for them) cancelled the scheduled callback.</summary>
    public InteractionTransition CancelScheduled()
    {
        if (state.Status != InteractionStatus.Scheduled)
        {
            return InteractionTransition.Refused(InteractionRefusalKind.FailedPrecondition, $"interaction '{interactionId}' is {state.Status}: only a scheduled callback is cancelled so");
        }
        Move(InteractionTrigger.Abandon);
        return InteractionTransition.Accept(InteractionEffects.Write, [Note(InteractionEventKind.Abandoned, null, "scheduled callback cancelled")]);
    }
}
