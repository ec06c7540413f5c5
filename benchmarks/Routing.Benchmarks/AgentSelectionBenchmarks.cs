using BenchmarkDotNet.Attributes;
using Routing.Core;

namespace Routing.Benchmarks;

/// <summary>Choosing the agent for one interaction among N eligible, available agents: the work a
/// queue does per routing decision once it knows who is eligible.</summary>
[MemoryDiagnoser]
public class AgentSelectionBenchmarks
{
    private static readonly SkillRequirement[] Requirements = [new("support", 2), new("lang.en", 3)];
    private AgentCandidate[] _agents = [];
    private AgentSelector _selector = null!;

    [Params(100, 1_000, 10_000)]
    public int Agents { get; set; }

    [Params(SelectionStrategy.LongestIdle, SelectionStrategy.MostSkilled, SelectionStrategy.RoundRobin)]
    public SelectionStrategy Strategy { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var start = new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
        _agents = [.. Enumerable.Range(0, Agents).Select(i => new AgentCandidate
        {
            AgentId = $"agent-{i:D6}",
            Skills = new SkillSet([new SkillLevel("support", random.Next(2, 6)), new SkillLevel("lang.en", random.Next(3, 6))]),
            FreeChannels = [Channel.Voice],
            IdleSince = start.AddSeconds(random.Next(0, 3_600)),
            Occupancy = random.NextDouble(),
            InteractionsToday = random.Next(0, 40),
            Version = 1,
        })];
        _selector = new AgentSelector(Strategy, new Random(7));
    }

    [Benchmark]
    public AgentCandidate? Select() => _selector.Select(_agents, Requirements);

    /// <summary>Filtering by skills and free channel first, as the queue does, then choosing.</summary>
    [Benchmark]
    public AgentCandidate? FilterAndSelect()
    {
        var eligible = new List<AgentCandidate>(_agents.Length);
        foreach (var agent in _agents)
        {
            if (agent.HasFree(Channel.Voice) && agent.Skills.Satisfies(Requirements))
            {
                eligible.Add(agent);
            }
        }
        return _selector.Select(eligible, Requirements);
    }
}
