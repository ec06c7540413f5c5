namespace Routing.Core.Tests;

/// <summary>Builders with defaults that keep each test about the one thing it changes.</summary>
internal static class TestData
{
    /// <summary>The fixed "now" of every test.</summary>
    public static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);

    /// <summary>An available candidate idle for <paramref name="idleSeconds"/> before <see cref="Now"/>.</summary>
    public static AgentCandidate Agent(
        string id,
        int idleSeconds = 0,
        double occupancy = 0,
        int interactionsToday = 0,
        SkillSet? skills = null,
        Channel[]? freeChannels = null) => new()
        {
            AgentId = id,
            Skills = skills ?? SkillSet.Empty,
            FreeChannels = freeChannels ?? [Channel.Voice, Channel.Chat],
            IdleSince = Now.AddSeconds(-idleSeconds),
            Occupancy = occupancy,
            InteractionsToday = interactionsToday,
            Version = 1,
        };

    public static SkillSet Skills(params (string Skill, int Level)[] levels) =>
        new(levels.Select(l => new SkillLevel(l.Skill, l.Level)));

    public static SkillRequirement[] Requires(params (string Skill, int MinimumLevel)[] requirements) =>
        [.. requirements.Select(r => new SkillRequirement(r.Skill, r.MinimumLevel))];

    /// <summary>A waiting entry with priority 0, so its effective arrival is its arrival.</summary>
    public static WaitingEntry Entry(
        string id,
        DateTimeOffset? effectiveArrival = null,
        long sequence = 0,
        SkillRequirement[]? requirements = null,
        AgentExclusion[]? exclusions = null) => new()
        {
            InteractionId = id,
            Channel = Channel.Chat,
            Arrival = effectiveArrival ?? Now,
            Priority = 0,
            EffectiveArrival = effectiveArrival ?? Now,
            Requirements = requirements ?? [],
            Sequence = sequence,
            Exclusions = exclusions ?? [],
        };

    /// <summary>A waiting entry ranked the way a queue ranks it: effective arrival from priority and weight.</summary>
    public static WaitingEntry Queued(string id, DateTimeOffset arrival, int priority, TimeSpan priorityWeight, long sequence) => new()
    {
        InteractionId = id,
        Channel = Channel.Voice,
        Arrival = arrival,
        Priority = priority,
        EffectiveArrival = PriorityScore.EffectiveArrival(arrival, priority, priorityWeight),
        Requirements = [],
        Sequence = sequence,
    };
}
