using Routing.Core;
using Routing.Core.Lifecycle;

namespace Routing.Abstractions.Interactions;

/// <summary>An interaction as it stands, with its full history.</summary>
[GenerateSerializer, Immutable, Alias("routing.interaction-snapshot")]
public sealed record InteractionSnapshot
{
    [Id(0)] public required string TenantId { get; init; }
    [Id(1)] public required string InteractionId { get; init; }
    [Id(2)] public required InteractionStatus Status { get; init; }
    [Id(3)] public required string QueueId { get; init; }
    [Id(4)] public required Channel Channel { get; init; }
    [Id(5)] public required int Priority { get; init; }
    [Id(6)] public required DateTimeOffset Arrival { get; init; }
    /// <summary>The agent the interaction is offered to (Offered) or handled by (Connected, WrapUp, Completed).</summary>
    [Id(7)] public string? AgentId { get; init; }
    [Id(8)] public DateTimeOffset? OfferDeadline { get; init; }
    [Id(9)] public DateTimeOffset? WrapUpDeadline { get; init; }
    [Id(10)] public Disposition? Disposition { get; init; }
    [Id(11)] public int OfferAttempts { get; init; }
    [Id(12)] public InteractionEvent[] Events { get; init; } = [];
    /// <summary>Every agent's part of the interaction, oldest first (more than one after a transfer).</summary>
    [Id(13)] public InteractionLeg[] Legs { get; init; } = [];
    /// <summary>When it overflows if still waiting (its queue's max wait); null when none or not waiting.</summary>
    [Id(40)] public DateTimeOffset? WaitDeadline { get; init; }
}
