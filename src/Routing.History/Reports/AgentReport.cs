using Routing.Core;

namespace Routing.History.Reports;

/// <summary>An agent report: one row per agent over the period, and one per agent and local day logged in.</summary>
public sealed record AgentReport(IReadOnlyList<AgentReportRow> Agents, IReadOnlyList<AgentDayRow> Days)
{
    /// <summary>How occupancy is computed, for people reading the report.</summary>
    public const string OccupancyFormula = "occupancy = busy / (busy + ready and idle)";
}

/// <summary>One agent over the period. Busy is time with at least one interaction (talking or in wrap-up), whatever the
/// presence; <see cref="Occupancy"/> = busy ÷ (busy + ready and idle).</summary>
public sealed record AgentReportRow
{
    public required string AgentId { get; init; }

    /// <summary>Any presence but offline.</summary>
    public TimeSpan LoggedIn { get; init; }

    /// <summary>Available (busy or idle).</summary>
    public TimeSpan Ready { get; init; }

    /// <summary>Available with nothing to do.</summary>
    public TimeSpan Idle { get; init; }

    public TimeSpan Busy { get; init; }

    /// <summary>Not ready, per reason (by reason).</summary>
    public IReadOnlyDictionary<string, TimeSpan> NotReady { get; init; } = new SortedDictionary<string, TimeSpan>(StringComparer.Ordinal);

    /// <summary>Legs, talk and wrap-up per channel.</summary>
    public IReadOnlyDictionary<Channel, ChannelWork> Channels { get; init; } = new SortedDictionary<Channel, ChannelWork>();

    /// <summary>Legs the agent connected to.</summary>
    public long Handled => Channels.Values.Sum(work => work.Handled);

    /// <summary>Legs the agent ended by transferring.</summary>
    public long Transfers { get; init; }

    /// <summary>Offers that rang unanswered until they timed out.</summary>
    public long RingNoAnswers { get; init; }

    /// <summary>Busy ÷ (busy + idle); null when both are zero.</summary>
    public double? Occupancy => Busy + Idle is { Ticks: > 0 } basis ? Busy / basis : null;
}

/// <summary>An agent's legs on one channel: how many, their talk and their wrap-up.</summary>
public sealed record ChannelWork(long Handled, TimeSpan Talk, TimeSpan WrapUp)
{
    public ChannelWork Add(ChannelWork other) => new(Handled + other.Handled, Talk + other.Talk, WrapUp + other.WrapUp);
}

/// <summary>One agent on one local day: the first login, the last logout (null while still logged in) and the time logged in.</summary>
public sealed record AgentDayRow(string AgentId, DateOnly Date, DateTimeOffset FirstLogin, DateTimeOffset? LastLogout, TimeSpan LoggedIn);
