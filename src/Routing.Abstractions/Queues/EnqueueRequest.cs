using Routing.Core;

namespace Routing.Abstractions.Queues;

/// <summary>An interaction asking to wait in a queue's line (first time or after an offer failed).</summary>
[GenerateSerializer, Immutable, Alias("routing.enqueue-request")]
public sealed record EnqueueRequest
{
    [Id(0)] public required string InteractionId { get; init; }
    [Id(1)] public required Channel Channel { get; init; }
    [Id(2)] public required DateTimeOffset Arrival { get; init; }
    [Id(3)] public required int Priority { get; init; }
    /// <summary>The interaction's own requirements; the queue adds its own.</summary>
    [Id(4)] public SkillRequirement[] RequiredSkills { get; init; } = [];
    /// <summary>It comes from an agent's transfer: the queue keeps <see cref="Arrival"/> or resets it to now,
    /// per its <c>TransferKeepsArrivalTime</c>.</summary>
    [Id(5)] public bool Transferred { get; init; }
    /// <summary>Agents not to offer it to before the given time (e.g. the agent who just rejected a transfer).</summary>
    [Id(6)] public AgentExclusion[] Exclusions { get; init; } = [];
    /// <summary>The agent who last served the customer (the queue waits for it per its <c>PreferredAgentWait</c>,
    /// when <see cref="PreferredServedAt"/> is within its <c>PreferredAgentWindow</c>); null: none.</summary>
    [Id(7)] public string? PreferredAgentId { get; init; }
    [Id(8)] public DateTimeOffset PreferredServedAt { get; init; }
}

/// <summary>The queue's answer to a new interaction: its place and the queue's timers.</summary>
[GenerateSerializer, Immutable, Alias("routing.enqueue-receipt")]
public sealed record EnqueueReceipt([property: Id(0)] int Position, [property: Id(1)] DateTimeOffset Arrival);
