namespace Routing.History.Reports;

/// <summary>One queue's figures over one UTC quarter hour, as the store aggregates them: the unit that intervals and
/// days are made of, whatever the zone (every zone's offset is a whole number of quarter hours).</summary>
internal sealed record QueueBucket(string QueueId, DateTimeOffset Start, QueueFigures Figures)
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(15);
}
