using BenchmarkDotNet.Attributes;
using Routing.Core;

namespace Routing.Benchmarks;

/// <summary>
/// The limit the cluster is measured against: Routing.Core alone routing one interaction after another for
/// the load test's centre (10 queues; each agent has a primary skill, a third a second one), with nothing
/// but the matcher's own work. One operation: the interaction joins its queue's line, the queue picks the
/// longest-idle eligible agent from its index, the interaction leaves the line, and the agent leaves the
/// available index of every queue it serves; the agent that became busy earliest (the load test's
/// steady state at 500/s with 6.2 s of handling, i.e. ~3,100 busy) comes back to the indexes. 1 s ÷ the
/// time per operation is the Core's routing throughput on this machine.
/// </summary>
[MemoryDiagnoser]
public class MatcherThroughputBenchmarks
{
    private const int Queues = 10;
    private const int Busy = 3_100;
    private readonly Queue<AgentCandidate> _busy = new();
    private AvailableAgents[] _available = [];
    private AgentSelector[] _selectors = [];
    private WaitingLine[] _lines = [];
    private SkillRequirement[][] _requirements = [];
    private int[][] _queuesOf = [];
    private DateTimeOffset _now;
    private long _sequence;

    [Params(1_000, 10_000, 100_000)]
    public int Agents { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _now = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        _available = [.. Enumerable.Range(0, Queues).Select(_ => new AvailableAgents())];
        _selectors = [.. Enumerable.Range(0, Queues).Select(_ => new AgentSelector(SelectionStrategy.LongestIdle))];
        _lines = [.. Enumerable.Range(0, Queues).Select(_ => new WaitingLine())];
        _requirements = [.. Enumerable.Range(0, Queues).Select(q => new[] { new SkillRequirement($"skill{q}", 1) })];
        _queuesOf = new int[Agents][];
        for (var a = 0; a < Agents; a++)
        {
            var primary = a % Queues;
            var skills = new List<SkillLevel> { new($"skill{primary}", 4) };
            _queuesOf[a] = a % 3 == 0 ? [primary, (a + 1) % Queues] : [primary];
            if (a % 3 == 0)
            {
                skills.Add(new SkillLevel($"skill{(a + 1) % Queues}", 2));
            }
            var candidate = new AgentCandidate
            {
                AgentId = $"a{a}",
                Skills = new SkillSet(skills),
                FreeChannels = [Channel.Voice],
                IdleSince = _now.AddMilliseconds(-a),
                Occupancy = 0,
                InteractionsToday = 0,
                Version = 1,
            };
            foreach (var q in _queuesOf[a])
            {
                _available[q].Set(candidate);
            }
        }
        _busy.Clear();
    }

    [Benchmark]
    public AgentCandidate? RouteOne()
    {
        _now = _now.AddTicks(1);
        var q = (int)(_sequence % Queues);
        var entry = new WaitingEntry
        {
            InteractionId = $"i{_sequence}",
            Channel = Channel.Voice,
            Arrival = _now,
            Priority = 0,
            EffectiveArrival = _now,
            Requirements = _requirements[q],
            Sequence = _sequence++,
            Exclusions = [],
        };
        _lines[q].TryAdd(entry);
        var now = _now;
        var agent = _selectors[q].Select(_available[q], a => a.HasFree(entry.Channel) && entry.IsEligible(a.AgentId, a.Skills, now), entry.Requirements);
        _lines[q].TryRemove(entry.InteractionId, out _);
        if (agent is not null)
        {
            var index = int.Parse(agent.AgentId.AsSpan(1), provider: null);
            foreach (var served in _queuesOf[index])
            {
                _available[served].Remove(agent.AgentId);
            }
            _busy.Enqueue(agent);
        }
        if (_busy.Count > Busy || agent is null)
        {
            var back = _busy.Dequeue() with { IdleSince = _now };
            var index = int.Parse(back.AgentId.AsSpan(1), provider: null);
            foreach (var served in _queuesOf[index])
            {
                _available[served].Set(back);
            }
        }
        return agent;
    }
}
