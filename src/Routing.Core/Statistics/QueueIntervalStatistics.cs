namespace Routing.Core.Statistics;

/// <summary>
/// What happened in a queue over one interval (the rolling 15 minutes, or today since local
/// midnight): the counts a supervisor's wallboard shows and the ratios derived from them.
/// </summary>
/// <remarks>
/// Every contact that leaves the queue is counted in exactly one of <see cref="Answered"/>,
/// <see cref="Abandoned"/>, <see cref="ShortAbandoned"/> and <see cref="Overflowed"/>, in the interval
/// in which it left; <see cref="Offered"/> counts arrivals in the interval, so the two sides need not
/// balance (contacts still waiting, or that arrived before the interval began). Waits are the time in
/// this queue: work moved, overflowed or transferred here counts from when it came, not from the
/// customer's first arrival.
/// </remarks>
[GenerateSerializer, Immutable, Alias("routing.queue-interval-statistics")]
public sealed record QueueIntervalStatistics
{
    /// <summary>The start of the interval (the oldest moment its counts can include).</summary>
    [Id(0)] public DateTimeOffset Since { get; init; }

    /// <summary>Contacts that arrived in the queue.</summary>
    [Id(1)] public int Offered { get; init; }

    /// <summary>Contacts an agent answered.</summary>
    [Id(2)] public int Answered { get; init; }

    /// <summary>Answered contacts that waited no longer than the service-level threshold.</summary>
    [Id(3)] public int AnsweredWithinThreshold { get; init; }

    /// <summary>Contacts that hung up after waiting at least the short-abandon threshold
    /// (short abandons are not included here).</summary>
    [Id(4)] public int Abandoned { get; init; }

    /// <summary>Contacts that hung up before the short-abandon threshold: left out of the service
    /// level and of the abandon rate.</summary>
    [Id(5)] public int ShortAbandoned { get; init; }

    /// <summary>Contacts that left for another queue or action (overflow, time-out routing): neither
    /// answered nor abandoned here.</summary>
    [Id(6)] public int Overflowed { get; init; }

    /// <summary>Contacts whose handling (talk and wrap-up) ended.</summary>
    [Id(7)] public int Completed { get; init; }

    /// <summary>Answered within threshold ÷ (answered + abandoned), short abandons excluded;
    /// null when nobody was answered or abandoned.</summary>
    [Id(8)] public double? ServiceLevel { get; init; }

    /// <summary>The mean wait in this queue of answered contacts; null when none was answered.</summary>
    [Id(9)] public TimeSpan? AverageSpeedOfAnswer { get; init; }

    /// <summary>The mean talk + wrap-up time of completed contacts; null when none completed.</summary>
    [Id(10)] public TimeSpan? AverageHandleTime { get; init; }

    /// <summary>Abandoned ÷ (answered + abandoned), short abandons excluded; null when nobody was
    /// answered or abandoned.</summary>
    [Id(11)] public double? AbandonRate { get; init; }

    /// <summary>Arrivals per second over the time the interval covers (since <see cref="Since"/>);
    /// the rate Erlang C staffing is computed from.</summary>
    [Id(12)] public double ArrivalsPerSecond { get; init; }
}
