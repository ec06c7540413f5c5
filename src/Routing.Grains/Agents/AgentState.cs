using Routing.Abstractions.Agents;
using Routing.Abstractions.Configuration;
using Routing.Core;

namespace Routing.Grains.Agents;

/// <summary>The agent grain's stored state. Its presence and slots are checked and changed by
/// <see cref="AgentWorkload"/>, which works on these properties in place.</summary>
[GenerateSerializer, Alias("routing.agent-state")]
public sealed class AgentState : IAgentWorkloadState
{
    [Id(0)] public AgentSettings? Settings { get; set; }
    [Id(1)] public Presence Presence { get; set; } = Presence.Offline;
    [Id(2)] public string? Reason { get; set; }
    /// <summary>Interactions occupying a slot, by interaction id.</summary>
    [Id(3)] public Dictionary<string, AgentSlot> Slots { get; set; } = new(StringComparer.Ordinal);
    [Id(4)] public int ConsecutiveMisses { get; set; }
    [Id(5)] public int InteractionsToday { get; set; }
    /// <summary>The day, in the tenant's time zone, that <see cref="InteractionsToday"/> counts (DateOnly.DayNumber).</summary>
    [Id(6)] public int TodayDayNumber { get; set; }
    [Id(7)] public DateTimeOffset IdleSince { get; set; }
    /// <summary>Bumped on every change; orders availability publications at the queues.</summary>
    [Id(8)] public long Version { get; set; }
    // Id 9 held the history, now kept apart (AgentGrain.History.cs).
    [Id(10)] public long NextHistorySequence { get; set; } = 1;
    [Id(11)] public ChannelCounts PeakLoad { get; set; } = ChannelCounts.Zero;
    /// <summary>The agent app's session (see AgentGrain.Session.cs); null when none.</summary>
    [Id(12)] public string? SessionId { get; set; }
    /// <summary>Whether a stream holds <see cref="SessionId"/> now (false while in its grace period).</summary>
    [Id(13)] public bool SessionAttached { get; set; }
    /// <summary>When a detached session's grace period ends and the agent goes Offline.</summary>
    [Id(14)] public DateTimeOffset? SessionGraceDeadline { get; set; }
    /// <summary>The grace period the session asked for, used when an activation finds it attached.</summary>
    [Id(15)] public TimeSpan SessionGrace { get; set; }
    /// <summary>The stream that holds <see cref="SessionId"/> (its observer's grain id): kept in state so an
    /// activation that has not yet heard from that stream still refuses every other one.</summary>
    [Id(16)] public string? SessionStream { get; set; }
    /// <summary>The sequence of the last history entry whose state interval the history store confirmed holding (the
    /// interval before it closed): everything after it is recorded again (AgentGrain.Intervals.cs).</summary>
    [Id(17)] public long HistoryRecorded { get; set; }
    /// <summary>The contact the agent's phone registered at a SIP gateway; null when none (or cleared).</summary>
    [Id(18)] public AgentContact? Contact { get; set; }
}
