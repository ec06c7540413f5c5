using Routing.Abstractions.Interactions;
using Routing.Core;

namespace Routing.Grains.Interactions;

/// <summary>The interaction grain's stored state. Timers are kept as deadlines and re-armed on activation.</summary>
[GenerateSerializer, Alias("routing.interaction-state")]
public sealed class InteractionState
{
    [Id(0)] public InteractionSpec? Spec { get; set; }
    [Id(1)] public InteractionStatus Status { get; set; }
    [Id(2)] public DateTimeOffset Arrival { get; set; }
    /// <summary>The agent offered to (Offered) or handling it (Connected, WrapUp, Completed).</summary>
    [Id(3)] public string? AgentId { get; set; }
    [Id(4)] public DateTimeOffset? OfferDeadline { get; set; }
    /// <summary>The timers of the queue that made the current (or last) offer.</summary>
    [Id(5)] public OfferRequest? Terms { get; set; }
    [Id(6)] public int OfferAttempts { get; set; }
    [Id(7)] public DateTimeOffset? WrapUpDeadline { get; set; }
    [Id(8)] public Disposition? Disposition { get; set; }
    [Id(9)] public List<InteractionEvent> Events { get; set; } = [];
    /// <summary>The priority a supervisor set, instead of the one it was created with.</summary>
    [Id(10)] public int? Priority { get; set; }
    /// <summary>The queue a supervisor moved it to, instead of the one it was created in.</summary>
    [Id(11)] public string? QueueId { get; set; }
}
