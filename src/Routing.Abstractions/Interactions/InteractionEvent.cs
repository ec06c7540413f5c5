using Routing.Core;
using Routing.Core.Lifecycle;

namespace Routing.Abstractions.Interactions;

/// <summary>One entry in an interaction's history; <see cref="Sequence"/> numbers them from 1.</summary>
[GenerateSerializer, Immutable, Alias("routing.interaction-event")]
public sealed record InteractionEvent
{
    [Id(0)] public required string InteractionId { get; init; }
    [Id(1)] public required long Sequence { get; init; }
    [Id(2)] public required DateTimeOffset At { get; init; }
    [Id(3)] public required InteractionEventKind Kind { get; init; }
    /// <summary>The status after this event.</summary>
    [Id(4)] public required InteractionStatus Status { get; init; }
    [Id(5)] public required string QueueId { get; init; }
    /// <summary>The agent concerned (offered to, connected to…), if any.</summary>
    [Id(6)] public string? AgentId { get; init; }
    [Id(7)] public string? Detail { get; init; }
    /// <summary>On <see cref="InteractionEventKind.Overflowed"/>: the action for the gateway and its cause.</summary>
    [Id(8)] public OverflowNotice? Overflow { get; init; }
}
