using Routing.Abstractions.Configuration;
using Routing.Abstractions.Interactions;
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
    /// <summary>Why it asks: which of the queue's admission rules apply when it is new to the line.</summary>
    [Id(9)] public EnqueueReason Reason { get; init; } = EnqueueReason.Rejoin;
    /// <summary>When it entered this queue's line, as the queue's receipt said (<see cref="EnqueueReceipt.EnteredQueue"/>):
    /// a rejoin that finds no place kept for it (the line was lost) waits on from then. Null: its arrival.
    /// Work new to the queue (new, moved, overflowed, transferred in) enters it now whatever this says.</summary>
    [Id(10)] public DateTimeOffset? EnteredQueue { get; init; }
}

/// <summary>The queue's answer to a new interaction: its place and the queue's timers.</summary>
[GenerateSerializer, Immutable, Alias("routing.enqueue-receipt")]
public sealed record EnqueueReceipt([property: Id(0)] int Position, [property: Id(1)] DateTimeOffset Arrival)
{
    /// <summary>The queue's max wait, measured from now; null: no limit.</summary>
    [Id(2)] public TimeSpan? MaxWait { get; init; }
    /// <summary>The queue's overflow action, for the max wait or <see cref="OverflowNow"/>.</summary>
    [Id(3)] public OverflowAction? Overflow { get; init; }
    /// <summary>Set when the queue did not put it in line because its policy overflows it at once (closed, no agents).</summary>
    [Id(4)] public OverflowCause? OverflowNow { get; init; }
    /// <summary>When it entered this queue's line (see <see cref="Core.WaitingEntry.EnteredQueue"/>); the
    /// interaction sends it back on a rejoin. Null: its arrival.</summary>
    [Id(5)] public DateTimeOffset? EnteredQueue { get; init; }
    /// <summary>The client company the queue serves (its <c>Client</c>), kept by the interaction for its history.</summary>
    [Id(6)] public string? Client { get; init; }
}
