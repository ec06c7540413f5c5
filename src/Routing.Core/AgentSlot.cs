namespace Routing.Core;

/// <summary>One interaction occupying one of the agent's slots. Stored in the agent grain's state and sent in
/// its snapshots; the alias and ids keep both readable wherever the type's namespace lives.</summary>
[GenerateSerializer, Immutable, Alias("routing.agent-slot")]
public sealed record AgentSlot
{
    [Id(0)] public required string InteractionId { get; init; }
    [Id(1)] public required string QueueId { get; init; }
    [Id(2)] public required Channel Channel { get; init; }
    [Id(3)] public required SlotPhase Phase { get; init; }
    [Id(4)] public required DateTimeOffset Since { get; init; }
}
