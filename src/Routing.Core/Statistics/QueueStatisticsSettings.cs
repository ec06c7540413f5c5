namespace Routing.Core.Statistics;

/// <summary>
/// How a queue counts its statistics: the service-level threshold ("answered within 20 s"), the
/// short-abandon threshold (callers who hang up within a few seconds are not counted against the
/// queue) and the time zone whose midnight starts the queue's day.
/// </summary>
public sealed record QueueStatisticsSettings
{
    /// <summary>The usual settings: 20 s service-level threshold, 5 s short abandons, days in UTC.</summary>
    public static readonly QueueStatisticsSettings Default = new();

    /// <summary>A contact answered after waiting this long or less counts as answered within the
    /// service level (the "20 s" in "80 % in 20 s"). Zero or more.</summary>
    public TimeSpan ServiceLevelThreshold { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>A contact that abandons after waiting less than this is a short abandon (a misdial,
    /// a caller who changed their mind): it is left out of the service level and the abandon rate.
    /// Zero or more; zero means no abandon is short.</summary>
    public TimeSpan ShortAbandonThreshold { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The time zone of the contact centre: the day totals restart at its local midnight.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
}
