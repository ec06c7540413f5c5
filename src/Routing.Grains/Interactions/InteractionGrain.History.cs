using Routing.Grains.History;
using Routing.History;

namespace Routing.Grains.Interactions;

/// <summary>
/// The interaction in the history store. Each change that adds events records the interaction as it stands (its
/// version: the last event's sequence) with the new events, off the routing path (the recorder never waits). The
/// store's receipts move <see cref="InteractionState.HistoryRecorded"/>, stored with the state; what lies after it is
/// recorded again by the next change, the activation (after a crash) and the deactivation. With durable state the
/// recovery reminder of a final interaction is held until the store confirmed it all, so a silo killed before its
/// recorder wrote the end loses nothing: the reminder wakes the interaction on another silo, which records it again.
/// </summary>
internal sealed partial class InteractionGrain
{
    private readonly HistoryCursor _history;

    /// <summary>Folds the store's receipts into the watermark and records what is not yet queued. Not while Create is
    /// under way (a refused create leaves nothing behind) or before there is an interaction.</summary>
    private void RecordHistory()
    {
        if (!_history.Enabled || State.Spec is null || _heldEvents is not null)
        {
            return;
        }
        State.HistoryRecorded = _history.Advance(State.HistoryRecorded);
        _history.CatchUp(State.HistoryRecorded, State.Events.Count, _historyFacts ??= FactsOf);
    }

    /// <summary><see cref="FactsOf"/> as a delegate, made once: a method group makes a new one at every change.</summary>
    private Func<long, long, IReadOnlyList<HistoryFact>?>? _historyFacts;

    private IReadOnlyList<HistoryFact> FactsOf(long from, long to) =>
        InteractionFacts.Make(_tenantId, _interactionId, State, CurrentChannel, CurrentQueueId, from, to);

    /// <summary>True once the store holds every event (and the state after the last); stores the watermark when it moved.</summary>
    private async Task<bool> HistoryConfirmedAsync()
    {
        var before = State.HistoryRecorded;
        RecordHistory();
        if (State.HistoryRecorded != before)
        {
            await _writer.WriteAsync();
        }
        return !_history.Enabled || State.Spec is null || State.HistoryRecorded >= State.Events.Count;
    }
}
