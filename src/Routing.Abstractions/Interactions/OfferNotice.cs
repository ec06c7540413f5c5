using Routing.Core;

namespace Routing.Abstractions.Interactions;

/// <summary>An offer as the agent's app sees it.</summary>
[GenerateSerializer, Immutable, Alias("routing.offer-notice")]
public sealed record OfferNotice
{
    [Id(0)] public required string InteractionId { get; init; }
    [Id(1)] public required string QueueId { get; init; }
    [Id(2)] public required Channel Channel { get; init; }
    [Id(3)] public required int Priority { get; init; }
    /// <summary>When the offer times out if not answered.</summary>
    [Id(4)] public required DateTimeOffset Deadline { get; init; }
    [Id(5)] public string? CustomerId { get; init; }
    [Id(6)] public string? CustomerNumber { get; init; }
    [Id(7)] public Dictionary<string, string> Attributes { get; init; } = [];
    /// <summary>1 for the first offer of this interaction, 2 for the next…</summary>
    [Id(8)] public required int Attempt { get; init; }
    /// <summary>The agent who transferred it (to a queue or to this agent); null for first-time work.</summary>
    [Id(9)] public string? TransferredFromAgentId { get; init; }
    /// <summary>A consult (warm transfer): <see cref="TransferredFromAgentId"/> stays connected until this offer is accepted.</summary>
    [Id(10)] public bool Consult { get; init; }
    /// <summary>The agent's state with this offer ringing, when the agent's grain tells an app of both in one
    /// notice (<see cref="Agents.IAgentObserver.OnOffer"/>); null as the interaction makes the offer.</summary>
    [Id(11)] public Agents.AgentSnapshot? AgentState { get; init; }
}

/// <summary>How an offer ended when it did not end in a connection.</summary>
[GenerateSerializer]
public enum OfferOutcome
{
    Rejected = 0,
    TimedOut = 1,
    /// <summary>The customer hung up while it rang.</summary>
    Rescinded = 2,
    /// <summary>The system took it back before it reached the agent (e.g. the agent logged out).</summary>
    Withdrawn = 3,
}
