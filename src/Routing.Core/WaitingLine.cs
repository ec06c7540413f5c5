namespace Routing.Core;

/// <summary>
/// A queue's waiting interactions in routing order: best score first (smallest effective arrival),
/// then earliest enqueue. Add, remove and find-by-id are O(log n); iteration is in order.
/// </summary>
public sealed class WaitingLine
{
    private readonly SortedSet<WaitingEntry> _ordered = new(LineOrder.Instance);
    private readonly Dictionary<string, WaitingEntry> _byId = new(StringComparer.Ordinal);
    /// <summary>
    /// Entries by <see cref="WaitingEntry.WaitingSince"/>, earliest first, for the longest wait (the line itself is in score
    /// order, not in order of waiting). An entry that left stays until it comes to the top or the heap is rebuilt: removal
    /// costs nothing, and the longest wait is found in O(log n) amortized where a scan of the line after every departure
    /// of the oldest cost O(n) per offer in a long line.
    /// </summary>
    private readonly PriorityQueue<WaitingEntry, DateTimeOffset> _byWaitingSince = new();

    public int Count => _byId.Count;

    public bool Contains(string interactionId) => _byId.ContainsKey(interactionId);

    public bool TryGet(string interactionId, out WaitingEntry entry) => _byId.TryGetValue(interactionId, out entry!);

    /// <summary>Adds the entry; false (and nothing changes) when an entry with that id is already waiting.</summary>
    public bool TryAdd(WaitingEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!_byId.TryAdd(entry.InteractionId, entry))
        {
            return false;
        }
        _ordered.Add(entry);
        if (_byWaitingSince.Count > (2 * _byId.Count) + 64)
        {
            // Mostly entries that left: rebuilt from those waiting, so the heap stays within twice the line.
            _byWaitingSince.Clear();
            foreach (var waiting in _byId.Values)
            {
                _byWaitingSince.Enqueue(waiting, waiting.WaitingSince);
            }
        }
        else
        {
            _byWaitingSince.Enqueue(entry, entry.WaitingSince);
        }
        return true;
    }

    public bool TryRemove(string interactionId, out WaitingEntry entry)
    {
        if (!_byId.Remove(interactionId, out entry!))
        {
            return false;
        }
        _ordered.Remove(entry);
        return true;
    }

    /// <summary>Replaces a waiting entry in place (e.g. with a new exclusion); its place is unchanged
    /// unless its ordering key changed.</summary>
    public void Replace(WaitingEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (TryRemove(entry.InteractionId, out _))
        {
            TryAdd(entry);
        }
    }

    /// <summary>When the longest-waiting entry entered the queue, or null when the line is empty. O(log n) amortized:
    /// entries that left are dropped from the top of the heap as they come to it.</summary>
    public DateTimeOffset? OldestWaitingSince
    {
        get
        {
            while (_byWaitingSince.TryPeek(out var entry, out var since))
            {
                if (_byId.TryGetValue(entry.InteractionId, out var waiting) && ReferenceEquals(waiting, entry))
                {
                    return since;
                }
                _byWaitingSince.Dequeue();
            }
            return null;
        }
    }

    /// <summary>The best entry, or null when the line is empty.</summary>
    public WaitingEntry? Head => _ordered.Min;

    /// <summary>The best entry that <paramref name="isEligible"/> accepts, scanning in routing order.</summary>
    public WaitingEntry? FindFirst(Func<WaitingEntry, bool> isEligible)
    {
        ArgumentNullException.ThrowIfNull(isEligible);
        foreach (var entry in _ordered)
        {
            if (isEligible(entry))
            {
                return entry;
            }
        }
        return null;
    }

    /// <summary>Entries in routing order. Do not change the line while enumerating.</summary>
    public IEnumerable<WaitingEntry> InOrder() => _ordered;

    /// <summary>The 1-based place of an interaction in the line, or 0 when it is not waiting.</summary>
    public int PositionOf(string interactionId)
    {
        if (!_byId.TryGetValue(interactionId, out var entry))
        {
            return 0;
        }
        return _ordered.GetViewBetween(_ordered.Min!, entry).Count;
    }

    private sealed class LineOrder : IComparer<WaitingEntry>
    {
        public static readonly LineOrder Instance = new();

        public int Compare(WaitingEntry? x, WaitingEntry? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }
            if (x is null)
            {
                return -1;
            }
            if (y is null)
            {
                return 1;
            }
            var byKey = x.EffectiveArrival.UtcTicks.CompareTo(y.EffectiveArrival.UtcTicks);
            if (byKey != 0)
            {
                return byKey;
            }
            var bySequence = x.Sequence.CompareTo(y.Sequence);
            return bySequence != 0 ? bySequence : string.CompareOrdinal(x.InteractionId, y.InteractionId);
        }
    }
}
