namespace Routing.Core;

/// <summary>
/// What a queue knows about an available agent when choosing who gets an interaction. Published by
/// the agent whenever its availability changes; <see cref="Version"/> orders those publications.
/// </summary>
[GenerateSerializer, Immutable, Alias("routing.agent-candidate")]
public sealed record AgentCandidate
{
    [Id(0)] public required string AgentId { get; init; }
    [Id(1)] public required SkillSet Skills { get; init; }
    /// <summary>Channels with a free slot; empty when the agent is not available.</summary>
    [Id(2)] public required Channel[] FreeChannels { get; init; }
    /// <summary>Since when the agent has had no work (for longest-idle).</summary>
    [Id(3)] public required DateTimeOffset IdleSince { get; init; }
    /// <summary>Load ÷ capacity, 0–1 (for least-occupied).</summary>
    [Id(4)] public required double Occupancy { get; init; }
    [Id(5)] public required int InteractionsToday { get; init; }
    [Id(6)] public required long Version { get; init; }
    /// <summary>The agent's presence, for queue statistics (agents by state); routing looks at <see cref="FreeChannels"/>.</summary>
    [Id(7)] public Presence Presence { get; init; } = Presence.Offline;
    /// <summary>The agent's own wrap-up time, used instead of the queue's when set.</summary>
    [Id(8)] public TimeSpan? WrapUpTime { get; init; }

    public bool IsAvailable => FreeChannels.Length > 0;

    public bool HasFree(Channel channel) => Array.IndexOf(FreeChannels, channel) >= 0;
}
