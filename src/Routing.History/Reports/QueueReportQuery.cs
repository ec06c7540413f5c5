namespace Routing.History.Reports;

/// <summary>
/// What a queue interval report covers: the tenant's interactions that arrived in [<see cref="From"/>,
/// <see cref="To"/>), cut into intervals of <see cref="IntervalLength"/> and days of the tenant's
/// <see cref="TimeZone"/>. Both ends are instants; the store does not limit the range (the edge does).
/// </summary>
public sealed record QueueReportQuery
{
    /// <summary>Interval lengths a report may use: they divide an hour, so intervals start on the local quarter hours
    /// whatever the zone's offset (every zone's offset is a whole number of quarter hours).</summary>
    public static readonly IReadOnlySet<int> IntervalMinutes = new HashSet<int> { 15, 30, 60 };

    public required string TenantId { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    /// <summary>15, 30 or 60 minutes (<see cref="IntervalMinutes"/>).</summary>
    public TimeSpan IntervalLength { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The tenant's time zone: interval and day boundaries are its local times.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Only these queues; empty: every queue.</summary>
    public IReadOnlyList<string> QueueIds { get; init; } = [];

    /// <summary>Thresholds per queue; a queue not listed uses <see cref="DefaultThresholds"/>.</summary>
    public IReadOnlyDictionary<string, QueueThresholds> Thresholds { get; init; } = new Dictionary<string, QueueThresholds>();

    public QueueThresholds DefaultThresholds { get; init; } = QueueThresholds.Default;

    public QueueThresholds ThresholdsOf(string queueId) => Thresholds.TryGetValue(queueId, out var thresholds) ? thresholds : DefaultThresholds;
}

/// <summary>The queue's service-level threshold (answered within it counts) and short-abandon threshold (abandoned
/// sooner is left out of the service level).</summary>
public sealed record QueueThresholds(TimeSpan ServiceLevel, TimeSpan ShortAbandon)
{
    /// <summary>20 s and 5 s, the queue configuration's defaults.</summary>
    public static readonly QueueThresholds Default = new(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(5));
}
