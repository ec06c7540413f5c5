namespace Routing.Sip.Authentication;

/// <summary>Replay protection (RFC 7616 §3.4, §5.12): the highest nonce-count accepted for each nonce, so a request
/// whose nc is not higher is refused. The table is bounded: when it is full the entry used first is dropped, and
/// every nonce issued at or before that one's time is then treated as stale, because its counts are forgotten and a
/// replay of it could no longer be told apart. Clients answer a stale challenge without asking their user.</summary>
public sealed class NonceCounts(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private DateTimeOffset _forgottenUpTo = DateTimeOffset.MinValue;

    /// <summary>Records <paramref name="nonceCount"/> for <paramref name="nonce"/>; false when it is not higher than
    /// one already accepted, or when the nonce's counts may have been forgotten.</summary>
    public bool TryAccept(string nonce, DateTimeOffset issuedAt, uint nonceCount)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(nonce, out var entry))
            {
                if (nonceCount <= entry.Highest)
                {
                    return false;
                }
                entry.Highest = nonceCount;
                return true;
            }
            if (issuedAt <= _forgottenUpTo)
            {
                return false;
            }
            while (_entries.Count >= capacity && _order.TryDequeue(out var oldest))
            {
                if (_entries.Remove(oldest, out var dropped) && dropped.IssuedAt > _forgottenUpTo)
                {
                    _forgottenUpTo = dropped.IssuedAt;
                }
            }
            _entries.Add(nonce, new Entry(issuedAt) { Highest = nonceCount });
            _order.Enqueue(nonce);
            return true;
        }
    }

    private sealed class Entry(DateTimeOffset issuedAt)
    {
        public DateTimeOffset IssuedAt { get; } = issuedAt;

        public uint Highest { get; set; }
    }
}
