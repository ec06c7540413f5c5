using Routing.Core;

namespace Routing.Abstractions.Agents;

/// <summary>A queue asking an agent to hold a slot for an interaction it is about to offer. <paramref name="Direct"/>:
/// an interaction transferred to this agent by name asks; the agent need not serve <paramref name="QueueId"/>,
/// and an agent that is not configured is refused with NotFound.</summary>
[GenerateSerializer, Immutable, Alias("routing.reservation-request")]
public sealed record ReservationRequest(
    [property: Id(0)] string InteractionId,
    [property: Id(1)] string QueueId,
    [property: Id(2)] Channel Channel,
    [property: Id(3)] bool Direct = false);

/// <summary>The agent's answer, with its current availability so the queue's index stays fresh.</summary>
[GenerateSerializer, Immutable, Alias("routing.reservation-result")]
public sealed record ReservationResult(
    [property: Id(0)] bool Reserved,
    [property: Id(1)] AgentCandidate Availability);
