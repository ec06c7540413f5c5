namespace Routing.Core;

/// <summary>
/// A queue's waiting interactions in routing order: best score first (smallest effective arrival),
/// then earliest enqueue. Add, remove and find-by-id are O(log n); iteration is in order.
/// </summary>
public sealed class WaitingLine
{
    private readonly SortedSet<WaitingEntry> _ordered = new(LineOrder.Instance);
    private readonly Dictionary<string, WaitingEntry> _byId = new(StringComparer.Ordinal);
    /// <summary>The earliest <see cref="WaitingEntry.WaitingSince"/>, when known: kept on add, forgotten when that entry
    /// leaves and found again only when asked (the line is in score order, not in order of waiting).</summary>
    private DateTimeOffset? _oldest;
    private bool _oldestKnown = true;

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
        if (_oldestKnown && (_oldest is null || entry.WaitingSince < _oldest))
        {
            _oldest = entry.WaitingSince;
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
        if (_oldestKnown && entry.WaitingSince <= _oldest)
        {
            _oldestKnown = false;
        }
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

    /// <summary>When the longest-waiting entry entered the queue, or null when the line is empty. O(1), except after that
    /// entry left: the next read looks through the line once.</summary>
    public DateTimeOffset? OldestWaitingSince
    {
        get
        {
            if (!_oldestKnown)
            {
                _oldest = null;
                foreach (var entry in _byId.Values)
                {
                    if (_oldest is null || entry.WaitingSince < _oldest)
                    {
                        _oldest = entry.WaitingSince;
                    }
                }
                _oldestKnown = true;
            }
            return _oldest;
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
