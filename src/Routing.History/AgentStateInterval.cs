using Routing.Core;

namespace Routing.History;

/// <summary>
/// One span of an agent's state: presence, not-ready reason and load per channel from <see cref="StartedAt"/> until
/// <see cref="EndedAt"/> (null while it lasts). Keyed by tenant, agent and the <see cref="Sequence"/> of the state
/// change that started it: an interval is typically written open, then again with its end; the end is kept.
/// </summary>
public sealed record AgentStateInterval : HistoryFact
{
    public required string AgentId { get; init; }

    /// <summary>The agent's sequence number of the change that started the interval.</summary>
    public required long Sequence { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public required Presence Presence { get; init; }

    /// <summary>The not-ready reason (break, lunch, no-answer…) while not ready.</summary>
    public string? Reason { get; init; }

    /// <summary>Slots in use per channel during the interval (busy is load, not a presence).</summary>
    public ChannelCounts Load { get; init; } = ChannelCounts.Zero;

    /// <summary>What started it: login, ready, not-ready, connected, wrap-up, logout…: the name <see cref="AgentCauseNames"/> gives the cause.</summary>
    public required string Cause { get; init; }

    /// <summary>The interaction that caused it, when one did.</summary>
    public string? InteractionId { get; init; }
}
