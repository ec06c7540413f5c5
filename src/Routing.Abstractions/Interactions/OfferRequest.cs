namespace Routing.Abstractions.Interactions;

/// <summary>A queue asking an interaction to become offered to an agent, with the queue's timers.</summary>
[GenerateSerializer, Immutable, Alias("routing.offer-request")]
public sealed record OfferRequest
{
    [Id(0)] public required string AgentId { get; init; }
    [Id(1)] public required string QueueId { get; init; }
    [Id(2)] public required TimeSpan OfferTimeout { get; init; }
    [Id(3)] public required TimeSpan ReofferDelay { get; init; }
    [Id(4)] public required TimeSpan WrapUpTime { get; init; }
}
