namespace Routing.LoadTest;

/// <summary>The figures of one load run (also written as JSON).</summary>
internal sealed record LoadReport
{
    public required DateTimeOffset At { get; init; }
    public required string Machine { get; init; }
    public required int Silos { get; init; }
    public required int Agents { get; init; }
    public required int Queues { get; init; }
    public required double TargetArrivalsPerSecond { get; init; }
    public required double DurationSeconds { get; init; }
    public required double AgentLoginSeconds { get; init; }
    public required long Created { get; init; }
    public required long CreateErrors { get; init; }
    public required double CreatedPerSecond { get; init; }
    public required long Offers { get; init; }
    public required long Accepted { get; init; }
    public required long Completed { get; init; }
    public required long HungUp { get; init; }
    public required long CommandErrors { get; init; }
    public required double OfferLatencyP50Ms { get; init; }
    public required double OfferLatencyP95Ms { get; init; }
    public required double OfferLatencyP99Ms { get; init; }
    public required double OfferLatencyMaxMs { get; init; }
    public required int LatencySamples { get; init; }
    public required long DoubleOffers { get; init; }
    public required long NotFinal { get; init; }
    public double? ServerCpuMeanPercent { get; init; }
    public double? ServerCpuPeakPercent { get; init; }
    public double? ServerPeakMemoryMiB { get; init; }
    /// <summary>Memory, or Redis (the load test's own redis-server) with its fsync policy.</summary>
    public string Storage { get; init; } = "memory";
    /// <summary>Grain state writes (Redis EVALSHA/EVAL) per interaction created, warm-up included.</summary>
    public double? StateWritesPerInteraction { get; init; }
    /// <summary>Reminder table changes (Redis HSET/HDEL/ZADD/ZREM) per interaction created.</summary>
    public double? ReminderWritesPerInteraction { get; init; }
    /// <summary>Bytes sent to Redis per interaction created (all commands: state, reminders, membership).</summary>
    public double? StorageBytesPerInteraction { get; init; }
}
