namespace Routing.Core.Lifecycle;

/// <summary>A queue asking an interaction to become offered to an agent, with the queue's timers.</summary>
[GenerateSerializer, Immutable, Alias("routing.offer-request")]
public sealed record OfferRequest
{
    [Id(0)] public required string AgentId { get; init; }
    [Id(1)] public required string QueueId { get; init; }
    [Id(2)] public required TimeSpan OfferTimeout { get; init; }
    [Id(3)] public required TimeSpan ReofferDelay { get; init; }
    /// <summary>The agent's own wrap-up time when it has one, else the queue's.</summary>
    [Id(4)] public required TimeSpan WrapUpTime { get; init; }
    /// <summary>How much more wrap-up time, in all, the agent may ask for (the queue's <c>MaxWrapUpExtension</c>).</summary>
    [Id(5)] public TimeSpan MaxWrapUpExtension { get; init; }
    /// <summary>The queue's own wrap-up time (for a transfer to a named agent, who may have its own); null: <see cref="WrapUpTime"/>.</summary>
    [Id(6)] public TimeSpan? QueueWrapUpTime { get; init; }
}
