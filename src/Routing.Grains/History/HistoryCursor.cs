using Routing.History;

namespace Routing.Grains.History;

/// <summary>
/// At-least-once recording of one grain's numbered facts (an interaction's events, an agent's history entries),
/// written once for both grains. The grain keeps in its stored state a watermark: the number up to which the store
/// confirmed its facts. It advances only on the recorder's receipts (<see cref="Advance"/>), so a group the recorder
/// refused (queue full), or that was queued when the process died, stays after it. <see cref="CatchUp"/> records what
/// this activation has not queued yet — after a refusal, and in a new activation, everything after the watermark —
/// so the grain's next change, its activation, its deactivation or its reminder records it again. Writes are
/// idempotent: recording twice stores once.
/// </summary>
internal sealed class HistoryCursor(GrainHistory history)
{
    private readonly HistoryConfirmations _confirmations = new();
    /// <summary>The highest number this activation queued; 0 in a new activation, which so starts from the watermark.</summary>
    private long _queued;

    public bool Enabled => history.Enabled;

    /// <summary>The stored <paramref name="watermark"/> moved over what the store has confirmed since.</summary>
    public long Advance(long watermark) => Enabled ? _confirmations.Advance(watermark) : watermark;

    /// <summary>True when facts up to <paramref name="last"/> are neither confirmed nor queued by this activation.</summary>
    public bool Behind(long watermark, long last) => Enabled && Math.Max(_queued, watermark) < last;

    /// <summary>
    /// Queues, as one group, the facts from after what is queued or confirmed up to <paramref name="last"/>, as
    /// <paramref name="facts"/> makes them for a range of numbers. Never waits. A refusal leaves them to the next call,
    /// which starts again from <paramref name="watermark"/>. False when <paramref name="facts"/> could not make them
    /// from what the grain holds in memory (null): the grain then reads what it needs and calls again.
    /// </summary>
    public bool CatchUp(long watermark, long last, Func<long, long, IReadOnlyList<HistoryFact>?> facts)
    {
        var from = Math.Max(_queued, watermark) + 1;
        if (!Enabled || from > last)
        {
            return true;
        }
        if (facts(from, last) is not { } made)
        {
            return false;
        }
        _queued = history.Record(made, _confirmations.ReceiptFor(from, last)) ? last : watermark;
        return true;
    }
}
