namespace Routing.Core.Statistics;

/// <summary>
/// What a <see cref="QueueStatisticsRecorder"/> has counted, as the queue stores it so its wallboard
/// figures survive the queue's reactivation and the loss of its silo: the day's totals and the live
/// buckets of the rolling window, with the thresholds and time zone they were counted against (counts
/// made under other thresholds are not restored, as changing them starts the counts afresh).
/// </summary>
[GenerateSerializer, Alias("routing.queue-statistics-counts")]
public sealed record QueueStatisticsCounts
{
    /// <summary>When counting started (rates are computed over the time since, when shorter than the interval).</summary>
    [Id(0)] public required DateTimeOffset RecordingSince { get; init; }

    [Id(1)] public required TimeSpan ServiceLevelThreshold { get; init; }

    [Id(2)] public required TimeSpan ShortAbandonThreshold { get; init; }

    /// <summary>The time zone id whose midnight starts <see cref="DayStart"/>.</summary>
    [Id(3)] public required string TimeZoneId { get; init; }

    /// <summary>The start of the local day <see cref="Today"/> counts.</summary>
    [Id(4)] public required DateTimeOffset DayStart { get; init; }

    [Id(5)] public IntervalCounters Today { get; init; }

    /// <summary>The rolling window's buckets that were still live, as (bucket number, counts).</summary>
    [Id(6)] public IReadOnlyList<QueueStatisticsBucket> Buckets { get; init; } = [];
}

/// <summary>One 10-second bucket of the rolling window: its number (UTC ticks / bucket length) and its counts.</summary>
[GenerateSerializer, Immutable, Alias("routing.queue-statistics-bucket")]
public readonly record struct QueueStatisticsBucket([property: Id(0)] long Number, [property: Id(1)] IntervalCounters Counts);
