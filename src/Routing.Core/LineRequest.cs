namespace Routing.Core;

/// <summary>An interaction asking a queue's line for a place: what <see cref="QueueWork"/> needs to admit it and
/// to rank it (the queue grain reads it from the protocol's enqueue request).</summary>
public sealed record LineRequest
{
    public required string InteractionId { get; init; }
    public required Channel Channel { get; init; }
    /// <summary>When the interaction first arrived (its place by score).</summary>
    public required DateTimeOffset Arrival { get; init; }
    public required int Priority { get; init; }
    /// <summary>The interaction's own requirements; the queue adds its own.</summary>
    public SkillRequirement[] RequiredSkills { get; init; } = [];
    /// <summary>From an agent's transfer: the queue keeps <see cref="Arrival"/> or resets it, per its terms.</summary>
    public bool Transferred { get; init; }
    public AgentExclusion[] Exclusions { get; init; } = [];
    /// <summary>The agent who last served the customer, and when; null: none.</summary>
    public string? PreferredAgentId { get; init; }
    public DateTimeOffset PreferredServedAt { get; init; }
    public EnqueueReason Reason { get; init; } = EnqueueReason.Rejoin;
    /// <summary>When it entered this line, as an earlier receipt said; a rejoin whose place was lost waits on from then.</summary>
    public DateTimeOffset? EnteredQueue { get; init; }
}
