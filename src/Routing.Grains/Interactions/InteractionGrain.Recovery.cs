using Routing.Core;

namespace Routing.Grains.Interactions;

/// <summary>
/// Recovery after a silo is lost (durable state only). An interaction holds a reminder, which Orleans keeps in its
/// reminder table and fires on a live silo: the backstop that wakes any work a crash left without a grain. Waking
/// re-arms the stored deadlines (OnActivateAsync) and makes a waiting interaction re-assert its place in line. Once
/// the interaction is final and the history store holds it, the first tick moves the reminder to the end of
/// <see cref="RoutingGrainOptions.FinishedStateRetention"/>, and that tick deletes the stored state and the reminder:
/// the work stays off the routing path, and the grain store does not grow with every interaction ever made. A
/// scheduled callback's reminder is due at its time (whatever the storage), and brings it into line then.
/// </summary>
internal sealed partial class InteractionGrain
{
    private const string RecoveryReminder = "recovery";
    private readonly bool _durableState;
    private readonly TimeSpan _reminderPeriod;
    private readonly TimeSpan _finishedStateRetention;

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
            if (StateDeletedAt() is { } deleteAt && deleteAt > Now)
            {
                await this.RegisterOrUpdateReminder(reminderName, deleteAt - Now, _reminderPeriod);
                return;
            }
            if (State.Status != InteractionStatus.None)
            {
                await _writer.ClearAsync();
            }
            if (await this.GetReminder(reminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
            this.DeactivateOnIdle();
            return;
        }
        await Recover();
    }

    /// <summary>When a finished interaction's stored state is deleted: the retention after its last event.</summary>
    private DateTimeOffset? StateDeletedAt() =>
        State.Status.IsFinal() && State.Events.Count > 0 ? State.Events[^1].At + _finishedStateRetention : null;

    /// <summary>Registered before Create answers, so every acknowledged interaction is woken again; also for one that
    /// ended as it arrived (overflowed on arrival), which the reminder records in history and later deletes.</summary>
    private async Task HoldRecoveryReminderAsync()
    {
        // A scheduled callback's reminder is due at its time (ScheduleAsync); this one must not move it.
        if (_durableState && State.Status != InteractionStatus.Scheduled)
        {
            await this.RegisterOrUpdateReminder(RecoveryReminder, _reminderPeriod, _reminderPeriod);
        }
    }
}
