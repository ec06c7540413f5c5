using Routing.Abstractions.Agents;
using Routing.Grains.History;

namespace Routing.Grains.Agents;

/// <summary>
/// The agent's state intervals in the history store. Each history entry records, off the routing path, the interval it
/// starts (open) and the one it ends (closed). The store's receipts move <see cref="AgentState.HistoryRecorded"/>,
/// stored with the agent's state; what lies after it is recorded again by the next change, the activation (after a
/// crash) and the deactivation. Entries sealed into a history page are read back from it when needed.
/// </summary>
internal sealed partial class AgentGrain
{
    private readonly HistoryCursor _intervals;
    /// <summary>The newest entry of the last page sealed by this activation: the one the next entry closes.</summary>
    private AgentStateEntry? _sealedTail;
    /// <summary>A catch-up reading sealed pages, while one runs.</summary>
    private Task? _pageCatchUp;

    /// <summary>Folds the store's receipts into the watermark and records the intervals not yet queued, from the
    /// entries in memory; when the entry to close is only in a sealed page, reads the pages first (in the background).</summary>
    private void RecordIntervals()
    {
        if (!_intervals.Enabled || _history.State.Entries.Count == 0)
        {
            return;
        }
        State.HistoryRecorded = _intervals.Advance(State.HistoryRecorded);
        var entries = _history.State.Entries;
        if (!_intervals.CatchUp(State.HistoryRecorded, entries[^1].Sequence, _fromMemory ??= FromMemory) && _pageCatchUp is not { IsCompleted: false })
        {
            _pageCatchUp = CatchUpFromPagesAsync();
        }
    }

    /// <summary><see cref="FromMemory"/> as a delegate, made once: a method group makes a new one at every transition.</summary>
    private Func<long, long, IReadOnlyList<Routing.History.HistoryFact>?>? _fromMemory;

    /// <summary>The intervals of entries from–to, or null when the entry before <c>from</c> is not in memory.</summary>
    private IReadOnlyList<Routing.History.HistoryFact>? FromMemory(long from, long to)
    {
        var entries = _history.State.Entries;
        if (from == 1 || entries[0].Sequence <= from - 1)
        {
            return AgentIntervals.Make(_tenantId, _agentId, entries, from, to);
        }
        return _sealedTail is { } tail && tail.Sequence == from - 1 && tail.Sequence + 1 == entries[0].Sequence
            ? AgentIntervals.Make(_tenantId, _agentId, [tail, .. entries], from, to)
            : null;
    }

    private async Task CatchUpFromPagesAsync()
    {
        try
        {
            // The kept history (newest MaxHistoryEntries): anything older is beyond recovery and starts with the oldest kept.
            var all = await GetHistory();
            State.HistoryRecorded = _intervals.Advance(State.HistoryRecorded);
            if (all.Length > 0)
            {
                _intervals.CatchUp(State.HistoryRecorded, all[^1].Sequence, (from, to) => AgentIntervals.Make(_tenantId, _agentId, all, from, to));
            }
        }
        catch (Exception exception)
        {
            GrainLog.StateWriteFailed(_logger, exception, this.GetPrimaryKeyString() + " (history pages for the history store)");
        }
    }
}
