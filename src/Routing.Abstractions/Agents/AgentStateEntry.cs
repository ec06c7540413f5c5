using Routing.Core;

namespace Routing.Abstractions.Agents;

/// <summary>
/// One timestamped change of an agent's presence or load. Login time, break time and handling
/// time per agent are computed from these entries.
/// </summary>
[GenerateSerializer, Immutable, Alias("routing.agent-state-entry")]
public sealed record AgentStateEntry
{
    [Id(0)] public required long Sequence { get; init; }
    [Id(1)] public required DateTimeOffset At { get; init; }
    [Id(2)] public required Presence Presence { get; init; }
    [Id(3)] public string? Reason { get; init; }
    /// <summary>Slots in use per channel after the change.</summary>
    [Id(4)] public required ChannelCounts Load { get; init; }
    /// <summary>What caused it: login, ready, not-ready, logout, reserved, offered, released, connected, wrap-up, finished.</summary>
    [Id(5)] public required string Cause { get; init; }
    [Id(6)] public string? InteractionId { get; init; }
}
