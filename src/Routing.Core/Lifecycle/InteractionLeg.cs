namespace Routing.Core.Lifecycle;

/// <summary>
/// One agent's part of an interaction: from connection to the end of that agent's wrap-up. A transfer ends
/// the transferring agent's leg while the interaction goes on, so each agent's talk, wrap-up and disposition
/// are its own.
/// </summary>
[GenerateSerializer, Immutable, Alias("routing.interaction-leg")]
public sealed record InteractionLeg
{
    [Id(0)] public required string AgentId { get; init; }
    /// <summary>The queue the agent took it from (its statistics count this leg's handle time).</summary>
    [Id(1)] public required string QueueId { get; init; }
    [Id(2)] public required DateTimeOffset ConnectedAt { get; init; }
    /// <summary>When the agent's conversation ended (hang-up, end, or transfer); null while connected.</summary>
    [Id(3)] public DateTimeOffset? EndedAt { get; init; }
    /// <summary>True when the leg ended because the agent transferred the interaction.</summary>
    [Id(4)] public bool Transferred { get; init; }
    /// <summary>When the agent's wrap-up ends by itself; null when not in wrap-up.</summary>
    [Id(5)] public DateTimeOffset? WrapUpDeadline { get; init; }
    /// <summary>When the agent finished the leg (completed or wrap-up time elapsed); null while it lasts.</summary>
    [Id(6)] public DateTimeOffset? CompletedAt { get; init; }
    /// <summary>The agent's own disposition for the leg; null when the wrap-up time elapsed without one.</summary>
    [Id(7)] public Disposition? Disposition { get; init; }
    /// <summary>Wrap-up time the agent asked for on top of its wrap-up time, so far.</summary>
    [Id(8)] public TimeSpan WrapUpExtended { get; init; }
    /// <summary>The most <see cref="WrapUpExtended"/> may reach (its queue's <c>MaxWrapUpExtension</c>).</summary>
    [Id(9)] public TimeSpan MaxWrapUpExtension { get; init; }

    /// <summary>A transferred leg still in its wrap-up: it completes on its own, whatever the interaction does.</summary>
    public bool IsWrappingUpAfterTransfer => Transferred && CompletedAt is null;
}
