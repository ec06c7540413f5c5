using Routing.Core;

namespace Routing.Grains.Interactions;

/// <summary>
/// Recovery after a silo is lost (durable state only). An unfinished interaction holds a reminder, which
/// Orleans keeps in its reminder table and fires on a live silo: the backstop that wakes any work a
/// crash left without a grain. Waking re-arms the stored deadlines (OnActivateAsync) and makes a waiting
/// interaction re-assert its place in line. The reminder is dropped on the first tick after the
/// interaction is final, which keeps its removal off the routing path. A scheduled callback's reminder is
/// due at its time (whatever the storage), and brings it into line then.
/// </summary>
internal sealed partial class InteractionGrain
{
    private const string RecoveryReminder = "recovery";
    private readonly bool _durableState;
    private readonly TimeSpan _reminderPeriod;

    public async Task Recover()
    {
        if (State.Status == InteractionStatus.Queued)
        {
            await ReassertPlaceAsync();
        }
        else if (State.Status == InteractionStatus.Scheduled)
        {
            await JoinLineWhenDueAsync();
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (State.Status == InteractionStatus.None || State.Status.IsFinal())
        {
            if (!await HistoryConfirmedAsync())
            {
                // Held until the store has the final state: its next tick records again what is still missing.
                return;
            }
            if (await this.GetReminder(reminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
            return;
        }
        await Recover();
    }

    /// <summary>Registered before Create answers, so every acknowledged interaction is woken again; also for one that
    /// ended as it arrived (overflowed on arrival), until the history store holds it.</summary>
    private async Task HoldRecoveryReminderAsync()
    {
        var historyPending = State.Status.IsFinal() && _history.Enabled && State.HistoryRecorded < State.Events.Count;
        // A scheduled callback's reminder is due at its time (ScheduleAsync); this one must not move it.
        if (_durableState && (!State.Status.IsFinal() || historyPending) && State.Status != InteractionStatus.Scheduled)
        {
            await this.RegisterOrUpdateReminder(RecoveryReminder, _reminderPeriod, _reminderPeriod);
        }
    }
}
