using Routing.Core;
using Routing.Core.Lifecycle;

namespace Routing.Abstractions.Queues;

/// <summary>A queue's best waiting interaction for one agent, so the agent can compare queues.</summary>
[GenerateSerializer, Immutable, Alias("routing.queue-candidate")]
public sealed record QueueCandidate
{
    [Id(0)] public required string QueueId { get; init; }
    [Id(1)] public required string InteractionId { get; init; }
    [Id(2)] public required Channel Channel { get; init; }
    /// <summary>Score key: smaller is better (see <see cref="PriorityScore.EffectiveArrival"/>).</summary>
    [Id(3)] public required DateTimeOffset EffectiveArrival { get; init; }
}

/// <summary>What a queue hands an agent that claimed one of its interactions.</summary>
[GenerateSerializer, Immutable, Alias("routing.claim")]
public sealed record Claim([property: Id(0)] WaitingEntry Entry, [property: Id(1)] OfferRequest Offer);
