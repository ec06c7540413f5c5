namespace Routing.History.Reports;

/// <summary>One queue's figures over one UTC quarter hour, as the store aggregates them: the unit that intervals and
/// days are made of, whatever the zone (every zone's offset is a whole number of quarter hours).</summary>
internal sealed record QueueBucket(string QueueId, DateTimeOffset Start, QueueFigures Figures)
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(15);

    /// <summary>The number of the UTC quarter hour (since the Unix epoch) <paramref name="time"/> falls in, as the stores'
    /// quarter-hour SQL computes it.</summary>
    public static long QuarterHour(DateTimeOffset time) => (long)Math.Floor((time - DateTimeOffset.UnixEpoch) / Length);

    /// <summary>When UTC quarter hour number <paramref name="quarter"/> starts.</summary>
    public static DateTimeOffset QuarterHourStart(long quarter) => DateTimeOffset.UnixEpoch.AddTicks(quarter * Length.Ticks);
}
