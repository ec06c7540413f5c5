namespace Routing.Core.Lifecycle;

/// <summary>A transfer still under way. Blind to a named agent: the offer to <see cref="AgentId"/> rings
/// (the interaction is Offered) and falls back to <see cref="FallbackQueueId"/>. Consult: the interaction
/// stays Connected to <see cref="FromAgentId"/> while the target (<see cref="QueueId"/> or
/// <see cref="AgentId"/>) is offered it, until <see cref="Deadline"/>.</summary>
[GenerateSerializer, Immutable, Alias("routing.pending-transfer")]
public sealed record PendingTransfer
{
    [Id(0)] public required string FromAgentId { get; init; }
    [Id(1)] public string? QueueId { get; init; }
    [Id(2)] public string? AgentId { get; init; }
    [Id(3)] public bool Consult { get; init; }
    /// <summary>When the target must have accepted by.</summary>
    [Id(4)] public required DateTimeOffset Deadline { get; init; }
    [Id(5)] public string? FallbackQueueId { get; init; }
    /// <summary>Consult: the agent the consult offer rings at now; null while none (e.g. waiting in the target queue).</summary>
    [Id(6)] public string? OfferedToAgentId { get; init; }
    /// <summary>Consult: the terms of the ringing consult offer (the new leg's queue and wrap-up time).</summary>
    [Id(7)] public OfferRequest? OfferTerms { get; init; }

    /// <summary>"queue 'support'" or "agent 'bob'".</summary>
    public string Target => QueueId is not null ? $"queue '{QueueId}'" : $"agent '{AgentId}'";
}
