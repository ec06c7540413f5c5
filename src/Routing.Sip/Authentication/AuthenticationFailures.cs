using System.Net;

namespace Routing.Sip.Authentication;

/// <summary>Failed authentications counted per source address, so a password guesser (the SIP scanners that sweep the
/// internet) gets 403 after <c>limit</c> failures until its window of <c>window</c> ends. Only proven failures count
/// (unknown user, wrong response), not the first unauthenticated request every phone sends. The table is bounded:
/// when full, sources whose window has ended are dropped, and a new source is not tracked while it stays full (the
/// limit then fails open rather than locking out phones).</summary>
public sealed class AuthenticationFailures(int limit, TimeSpan window, int capacity, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, Entry> _sources = [];

    /// <summary>True while <paramref name="source"/> has used up its failures for its current window.</summary>
    public bool IsBlocked(IPAddress source)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return _sources.TryGetValue(source, out var entry) && entry.Ends > now && entry.Count >= limit;
        }
    }

    public void Record(IPAddress source)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_sources.TryGetValue(source, out var entry) && entry.Ends > now)
            {
                entry.Count++;
                return;
            }
            if (_sources.Count >= capacity && !_sources.ContainsKey(source))
            {
                foreach (var ended in _sources.Where(s => s.Value.Ends <= now).Select(s => s.Key).ToList())
                {
                    _sources.Remove(ended);
                }
                if (_sources.Count >= capacity)
                {
                    return;
                }
            }
            _sources[source] = new Entry(now + window) { Count = 1 };
        }
    }

    private sealed class Entry(DateTimeOffset ends)
    {
        public DateTimeOffset Ends { get; } = ends;

        public int Count { get; set; }
    }
}
