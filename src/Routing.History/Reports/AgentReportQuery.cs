namespace Routing.History.Reports;

/// <summary>
/// What an agent report covers: the parts of the tenant's agent state intervals that fall in [<see cref="From"/>,
/// <see cref="To"/>) (an interval still open counts until <see cref="Now"/>), and the legs that connected in it.
/// </summary>
public sealed record AgentReportQuery
{
    /// <summary>How far before <see cref="From"/> an interval may have started and still be counted: a state held
    /// longer than this when the period starts is counted from the period's start only if it started within it.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(2);

    public required string TenantId { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    /// <summary>The end of intervals that have not ended yet.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The zone of the per-day rows.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Only these agents; empty: every agent.</summary>
    public IReadOnlyList<string> AgentIds { get; init; } = [];
}
