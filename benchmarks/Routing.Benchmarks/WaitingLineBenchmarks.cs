using BenchmarkDotNet.Attributes;
using Routing.Core;

namespace Routing.Benchmarks;

/// <summary>A queue's line holding N waiting interactions: one arrival plus one departure from the head,
/// and finding the best interaction a given agent may take.</summary>
[MemoryDiagnoser]
public class WaitingLineBenchmarks
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly SkillSet FrenchAgent = new([new SkillLevel("support", 3), new SkillLevel("lang.fr", 4)]);
    private WaitingLine _line = null!;
    private long _sequence;

    [Params(10, 1_000, 100_000)]
    public int Waiting { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _line = new WaitingLine();
        _sequence = 0;
        for (var i = 0; i < Waiting; i++)
        {
            _line.TryAdd(Entry(i % 50 == 0 ? "lang.fr" : "lang.en"));
        }
    }

    [Benchmark]
    public bool EnqueueThenDequeueHead()
    {
        _line.TryAdd(Entry("lang.en"));
        return _line.TryRemove(_line.Head!.InteractionId, out _);
    }

    /// <summary>Only one waiting interaction in 50 needs French: the scan an agent's pull does.</summary>
    [Benchmark]
    public WaitingEntry? FindFirstEligible() =>
        _line.FindFirst(e => FrenchAgent.Satisfies(e.Requirements));

    private WaitingEntry Entry(string language)
    {
        var sequence = _sequence++;
        var arrival = Start.AddMilliseconds(sequence);
        var priority = (int)(sequence % 3);
        return new WaitingEntry
        {
            InteractionId = $"i{sequence}",
            Channel = Channel.Voice,
            Arrival = arrival,
            Priority = priority,
            EffectiveArrival = PriorityScore.EffectiveArrival(arrival, priority, TimeSpan.FromSeconds(30)),
            Requirements = [new SkillRequirement("support", 2), new SkillRequirement(language, 3)],
            Sequence = sequence,
        };
    }
}
