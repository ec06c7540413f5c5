using System.Collections.Concurrent;
using System.Diagnostics;

namespace Routing.LoadTest;

/// <summary>What a load run observed, from the client side: offer latency (created at the edge → offer
/// received by the agent app, one clock), counts, and the invariants (never ringing at two agents at once).</summary>
internal sealed class Measurements
{
    private readonly ConcurrentDictionary<string, long> _createdAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _ringing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _connected = new(StringComparer.Ordinal);
    private readonly List<double> _latenciesMs = [];
    private long _measureFrom;
    private long _firstCreate;
    private long _lastFirstOffer;
    private long _firstOffers;
    private long _created;
    private long _createErrors;
    private long _offers;
    private long _doubleOffers;
    private long _accepted;
    private long _completed;
    private long _hangups;
    private long _commandErrors;

    public long Created => Interlocked.Read(ref _created);
    public long CreateErrors => Interlocked.Read(ref _createErrors);
    public long Offers => Interlocked.Read(ref _offers);
    public long DoubleOffers => Interlocked.Read(ref _doubleOffers);
    public long AcceptedCount => Interlocked.Read(ref _accepted);
    public long Completed => Interlocked.Read(ref _completed);
    public long Hangups => Interlocked.Read(ref _hangups);
    public long CommandErrors => Interlocked.Read(ref _commandErrors);

    public IReadOnlyCollection<string> CreatedIds => (IReadOnlyCollection<string>)_createdAt.Keys;

    public void Creating(string interactionId)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.CompareExchange(ref _firstCreate, now, 0);
        _createdAt[interactionId] = now;
    }

    /// <summary>First offers per second between the first create and the last first offer.</summary>
    public double RoutedPerSecond()
    {
        var first = Interlocked.Read(ref _firstCreate);
        var last = Interlocked.Read(ref _lastFirstOffer);
        return first == 0 || last <= first ? 0 : Interlocked.Read(ref _firstOffers) / Stopwatch.GetElapsedTime(first, last).TotalSeconds;
    }

    /// <summary>Only interactions created from <paramref name="timestamp"/> (a Stopwatch timestamp) count for latency.</summary>
    public void MeasureFrom(long timestamp) => Interlocked.Exchange(ref _measureFrom, timestamp);

    public void CreateSucceeded() => Interlocked.Increment(ref _created);

    public void CreateFailed(string interactionId)
    {
        _createdAt.TryRemove(interactionId, out _);
        Interlocked.Increment(ref _createErrors);
    }

    /// <summary>An offer rang at <paramref name="agentId"/>. The first offer of an interaction gives its latency.</summary>
    public void Offered(string interactionId, string agentId, int attempt)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _offers);
        if (!_ringing.TryAdd(interactionId, agentId))
        {
            Interlocked.Increment(ref _doubleOffers);
        }
        if (attempt == 1 && _createdAt.ContainsKey(interactionId))
        {
            Interlocked.Increment(ref _firstOffers);
            InterlockedMax(ref _lastFirstOffer, now);
        }
        if (attempt == 1 && _createdAt.TryGetValue(interactionId, out var created) && created >= Interlocked.Read(ref _measureFrom))
        {
            var ms = Stopwatch.GetElapsedTime(created, now).TotalMilliseconds;
            lock (_latenciesMs)
            {
                _latenciesMs.Add(ms);
            }
        }
    }

    /// <summary>The offer stopped ringing at <paramref name="agentId"/> (answered, rejected, ended).</summary>
    public void RingEnded(string interactionId, string agentId) =>
        _ringing.TryRemove(new KeyValuePair<string, string>(interactionId, agentId));

    public void Accepted(string interactionId)
    {
        _connected[interactionId] = 0;
        Interlocked.Increment(ref _accepted);
    }

    public bool IsConnected(string interactionId) => _connected.ContainsKey(interactionId);

    public void CompletedOne() => Interlocked.Increment(ref _completed);

    public void HungUp() => Interlocked.Increment(ref _hangups);

    public void CommandFailed() => Interlocked.Increment(ref _commandErrors);

    /// <summary>Offer-latency percentiles in milliseconds (p50, p95, p99, max) and the sample count.</summary>
    public (double P50, double P95, double P99, double Max, int Samples) Latency()
    {
        double[] sorted;
        lock (_latenciesMs)
        {
            sorted = [.. _latenciesMs];
        }
        Array.Sort(sorted);
        return sorted.Length == 0
            ? (0, 0, 0, 0, 0)
            : (Percentiles.Of(sorted, 0.50), Percentiles.Of(sorted, 0.95), Percentiles.Of(sorted, 0.99), sorted[^1], sorted.Length);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var seen = Interlocked.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }
            seen = previous;
        }
    }
}
