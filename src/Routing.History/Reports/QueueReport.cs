namespace Routing.History.Reports;

/// <summary>A queue interval report: per queue and interval, per queue and local day, per queue, and in all.</summary>
public sealed record QueueReport
{
    /// <summary>How the service level is computed, for people reading the report.</summary>
    public const string ServiceLevelFormula = "service level = answered within threshold / (offered - short abandons)";

    /// <summary>Intervals with at least one interaction or transfer, by queue then time.</summary>
    public required IReadOnlyList<QueueIntervalRow> Intervals { get; init; }

    /// <summary>Local days with at least one interaction or transfer, by queue then date.</summary>
    public required IReadOnlyList<QueueDayRow> Days { get; init; }

    /// <summary>Each queue over the whole range, by queue id.</summary>
    public required IReadOnlyList<QueueTotalRow> Queues { get; init; }

    /// <summary>Every queue over the whole range.</summary>
    public required QueueFigures Total { get; init; }
}

/// <summary>One queue over one interval. <see cref="Start"/> is the local start with the offset in force (on the day
/// the clocks go back, the repeated hour's intervals differ by their offset).</summary>
public sealed record QueueIntervalRow(string QueueId, DateTimeOffset Start, TimeSpan Length, QueueFigures Figures);

/// <summary>One queue over one local day.</summary>
public sealed record QueueDayRow(string QueueId, DateOnly Date, QueueFigures Figures);

/// <summary>One queue over the whole range.</summary>
public sealed record QueueTotalRow(string QueueId, QueueFigures Figures);
