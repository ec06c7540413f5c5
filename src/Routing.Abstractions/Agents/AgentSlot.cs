using Routing.Core;

namespace Routing.Abstractions.Agents;

/// <summary>Where an interaction held by an agent stands. Every phase occupies one slot of capacity.</summary>
[GenerateSerializer]
public enum SlotPhase
{
    /// <summary>Held for an offer that is being made.</summary>
    Reserved = 0,
    /// <summary>Ringing at the agent.</summary>
    Offered = 1,
    Connected = 2,
    WrapUp = 3,
}

/// <summary>One interaction occupying one of the agent's slots.</summary>
[GenerateSerializer, Immutable, Alias("routing.agent-slot")]
public sealed record AgentSlot
{
    [Id(0)] public required string InteractionId { get; init; }
    [Id(1)] public required string QueueId { get; init; }
    [Id(2)] public required Channel Channel { get; init; }
    [Id(3)] public required SlotPhase Phase { get; init; }
    [Id(4)] public required DateTimeOffset Since { get; init; }
}
