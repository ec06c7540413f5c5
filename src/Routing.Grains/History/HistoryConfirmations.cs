using Routing.History;

namespace Routing.Grains.History;

/// <summary>
/// The numbered ranges of one grain's facts that the store confirmed, gathered on the recorder's writer threads
/// and folded into the grain's watermark on its own turn (<see cref="Advance"/>). Ranges may be confirmed out of
/// order (several writers): the watermark only moves over ranges that join it, so a gap — a group refused or lost —
/// holds it back until that group is recorded again.
/// </summary>
internal sealed class HistoryConfirmations
{
    private readonly Lock _lock = new();
    private readonly List<(long From, long To)> _ranges = [];

    /// <summary>A receipt that confirms facts <paramref name="from"/>–<paramref name="to"/> when they are written.</summary>
    public IHistoryReceipt ReceiptFor(long from, long to) => new Receipt(this, from, to);

    /// <summary>The watermark moved over every confirmed range that joins it.</summary>
    public long Advance(long watermark)
    {
        lock (_lock)
        {
            for (var moved = true; moved;)
            {
                moved = false;
                for (var i = _ranges.Count - 1; i >= 0; i--)
                {
                    var (from, to) = _ranges[i];
                    if (to <= watermark)
                    {
                        _ranges.RemoveAt(i);
                    }
                    else if (from <= watermark + 1)
                    {
                        watermark = to;
                        _ranges.RemoveAt(i);
                        moved = true;
                    }
                }
            }
        }
        return watermark;
    }

    private void Confirm(long from, long to)
    {
        lock (_lock)
        {
            _ranges.Add((from, to));
        }
    }

    private sealed class Receipt(HistoryConfirmations confirmations, long from, long to) : IHistoryReceipt
    {
        public void Written() => confirmations.Confirm(from, to);
    }
}
