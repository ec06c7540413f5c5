namespace Routing.History;

/// <summary>One agent's part of an interaction, from the offer to the end of that agent's wrap-up. Keyed by the
/// interaction and <see cref="Index"/> (0 for the first leg).</summary>
public sealed record InteractionLegRecord
{
    public required int Index { get; init; }

    public required string AgentId { get; init; }

    /// <summary>The queue the agent took it from.</summary>
    public required string QueueId { get; init; }

    public DateTimeOffset? OfferedAt { get; init; }

    public required DateTimeOffset ConnectedAt { get; init; }

    /// <summary>When this agent's conversation ended (hang-up, end or transfer).</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>When this agent's wrap-up ended (the leg is finished).</summary>
    public DateTimeOffset? WrapUpEndedAt { get; init; }

    /// <summary>True when the leg ended because this agent transferred the interaction.</summary>
    public bool Transferred { get; init; }

    public string? DispositionCode { get; init; }

    public string? DispositionNote { get; init; }
}
