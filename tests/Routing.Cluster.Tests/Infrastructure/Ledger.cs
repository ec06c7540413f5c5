using System.Collections.Concurrent;
using System.Diagnostics;

namespace Routing.Cluster.Tests.Infrastructure;

/// <summary>
/// What the clients saw, on one clock: interactions the cluster acknowledged, and every ringing period
/// (an offer received until the agent answered it or heard it closed), to check that nothing rang at two
/// agents at once.
/// </summary>
internal sealed class Ledger
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<string, byte> _acknowledged = new();
    private readonly ConcurrentDictionary<(string Interaction, string Agent), Ring> _ringing = new();
    private readonly ConcurrentBag<Ring> _rings = [];
    private readonly ConcurrentDictionary<string, TimeSpan> _firstOfferAfterMark = new();
    private TimeSpan? _mark;
    private int _failedCreates;

    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyCollection<string> Acknowledged => [.. _acknowledged.Keys];

    public int FailedCreates => _failedCreates;

    public void Created(string interactionId) => _acknowledged.TryAdd(interactionId, 0);

    public void CreateFailed(Exception error)
    {
        Interlocked.Increment(ref _failedCreates);
        CreateErrors.Enqueue(error.Message);
    }

    /// <summary>Why creates failed (for failure messages).</summary>
    public ConcurrentQueue<string> CreateErrors { get; } = new();

    /// <summary>Marks a moment (e.g. the kill) from which first offers are timed.</summary>
    public void Mark() => _mark = Now;

    public void RingStarted(string interactionId, string agentId)
    {
        var now = Now;
        _ringing[(interactionId, agentId)] = new Ring(interactionId, agentId, now, null);
        if (_mark is { } mark && now >= mark)
        {
            _firstOfferAfterMark.TryAdd(interactionId, now - mark);
        }
    }

    public void RingEnded(string interactionId, string agentId)
    {
        if (_ringing.TryRemove((interactionId, agentId), out var ring))
        {
            _rings.Add(ring with { Ended = Now });
        }
    }

    /// <summary>Time from the mark until <paramref name="interactionId"/> was first offered after it.</summary>
    public TimeSpan? FirstOfferAfterMark(string interactionId) => _firstOfferAfterMark.TryGetValue(interactionId, out var at) ? at : null;

    /// <summary>Interactions that rang at two agents at the same time (rings still open count as lasting until now).</summary>
    public IReadOnlyList<string> DoubleOffers()
    {
        var now = Now;
        var all = _rings.Concat(_ringing.Values.Select(r => r with { Ended = now }));
        return [.. all.GroupBy(r => r.Interaction)
            .Where(g => g.OrderBy(r => r.Started).Zip(g.OrderBy(r => r.Started).Skip(1)).Any(p => p.First.Agent != p.Second.Agent && p.Second.Started < p.First.Ended))
            .Select(g => g.Key)];
    }

    /// <summary>Each ringing period of <paramref name="interactionId"/> as the agents saw it, for failure messages:
    /// agent, start and end in seconds on this ledger's clock (open rings end "now").</summary>
    public string RingsOf(string interactionId) =>
        string.Join(", ", _rings.Concat(_ringing.Values).Where(r => r.Interaction == interactionId).OrderBy(r => r.Started)
            .Select(r => $"{r.Agent} {r.Started.TotalSeconds:0.000}–{(r.Ended is { } ended ? ended.TotalSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "now")} s"));

    private sealed record Ring(string Interaction, string Agent, TimeSpan Started, TimeSpan? Ended);
}
