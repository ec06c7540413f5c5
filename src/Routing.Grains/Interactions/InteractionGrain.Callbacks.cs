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
    /// <summary>The channel it is routed on: a caller who asked for a callback is a callback from then on.</summary>
    private Channel CurrentChannel => Case.CurrentChannel;

    public async Task<InteractionSnapshot> RequestCallback(string number)
    {
        var requested = Case.RequestCallback(number);
        Require(requested.Refusal);
        if (requested.Has(InteractionEffects.ChangeToCallback))
        {
            Apply(requested);
            await Queue.ChangeChannel(_interactionId, Channel.Callback);
            await _writer.WriteAsync();
        }
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
        Require(Case.RefuseCallbackCancel());
        return await CustomerLeftAsync();
    }

    /// <summary>Create for a callback due later: stored as Scheduled with a reminder due at that time.</summary>
    private async Task<InteractionSnapshot> ScheduleAsync(InteractionSpec spec, DateTimeOffset due)
    {
        Require(InteractionCase.RefuseSchedule(due, InteractionSpec.MaxScheduleAhead, Now));
        await RequireQueueAsync(spec.QueueId);
        State.Spec = spec;
        var scheduled = Case.Schedule(due);
        Require(scheduled.Refusal);
        await CarryOutAsync(scheduled);
        await this.RegisterOrUpdateReminder(RecoveryReminder, due - Now, _reminderPeriod);
        return Snapshot();
    }

    /// <summary>A scheduled callback whose time has come joins its queue's line (its arrival is the scheduled time).</summary>
    private async Task JoinLineWhenDueAsync()
    {
        var joining = Case.JoinLineWhenDue(State.Spec?.ScheduledFor, Now);
        if (!joining.Accepted)
        {
            return;
        }
        Apply(joining);
        try
        {
            await Queue.Enqueue(EnqueueRequest());
        }
        catch (RoutingException e)
        {
            // The queue was removed or refuses work meanwhile: the callback cannot be made.
            var refused = Case.CallbackRefused(e.Message);
            Require(refused.Refusal);
            await CarryOutAsync(refused);
            return;
        }
        await CarryOutAsync(Case.CallbackInLine());
    }

    /// <summary>Hang-up handling particular to callbacks; true when it was handled here.</summary>
    private async Task<bool> CallbackHangupAsync()
    {
        if (State.Status == InteractionStatus.Scheduled)
        {
            await CarryOutAsync(Case.CancelScheduled());
            return true;
        }
        return Case.CallbackStands;
    }
}
