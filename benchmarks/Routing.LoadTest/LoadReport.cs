namespace Routing.LoadTest;

/// <summary>A whole run: the centre, logging in, and one report per arrival rate (written as JSON).</summary>
internal sealed record LoadResult
{
    public required int ConfiguredAgents { get; init; }
    public required int ConnectedAgents { get; init; }
    public required double ConfigureSeconds { get; init; }
    public required double AgentLoginSeconds { get; init; }
    /// <summary>Growth of the servers' working set while the tenant was configured, per configured agent.</summary>
    public double? ServerMiBPerConfiguredAgent { get; init; }
    /// <summary>Growth of the servers' working set while the agents logged in, per connected agent.</summary>
    public double? ServerMiBPerConnectedAgent { get; init; }
    public double? ServerMiBWithAgentsLoggedIn { get; init; }
    public required IReadOnlyList<LoadReport> Phases { get; init; }
    /// <summary>The highest rate whose p99 offer latency met the target (with --rates and --p99-target).</summary>
    public double? HighestRateWithinTarget { get; init; }
    /// <summary>Where the processes ran: "unpinned", or the server's and the load generator's cores.</summary>
    public string Placement { get; init; } = "unpinned";
    /// <summary>The idle period (agents logged in and ready, no traffic) before the first phase, with --idle.</summary>
    public IdleReport? Idle { get; init; }
    /// <summary>The traffic before the first phase (--warm-up-traffic), measured like a phase: what a cold server costs.</summary>
    public LoadReport? WarmUpTraffic { get; init; }

    /// <summary>Every traffic period the run sent, warm-up included, kept the invariants.</summary>
    public bool KeptInvariants() => Phases.All(p => p.KeptInvariants()) && WarmUpTraffic?.KeptInvariants() != false;
}

/// <summary>What logged-in agents with no traffic cost the servers.</summary>
internal sealed record IdleReport
{
    public required double Seconds { get; init; }
    /// <summary>Mean and peak of one-second samples, % of one core.</summary>
    public required double CpuMeanPercent { get; init; }
    public required double CpuPeakPercent { get; init; }
    public required double AllocatedMiBPerSecond { get; init; }
    public required int Collections { get; init; }
    /// <summary>Each one-second sample in order (% of one core), so a peak can be placed in time.</summary>
    public required IReadOnlyList<double> CpuPercentBySecond { get; init; }
    /// <summary>Every pause of the servers' garbage collector in the window.</summary>
    public required IReadOnlyList<GcPause> GcPauses { get; init; }
}

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
    public required long Created { get; init; }
    public required long CreateErrors { get; init; }
    public required double CreatedPerSecond { get; init; }
    /// <summary>First offers per second, from the first create to the last first offer: the routing throughput
    /// the phase sustained (the arrival rate when the server keeps up, less when work piles up).</summary>
    public required double RoutedPerSecond { get; init; }
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

    /// <summary>No interaction rang at two agents at once, and every one created reached a final state.</summary>
    public bool KeptInvariants() => DoubleOffers == 0 && NotFinal == 0;
    public double? ServerCpuMeanPercent { get; init; }
    /// <summary>--via-sip: calls sipp placed, and those that did not end in their 302.</summary>
    public long? SipCalls { get; init; }
    public long? SipFailedCalls { get; init; }
    /// <summary>--via-sip: INVITE sent → 302 received at the caller (queue, offer, the agent's answer delay, redirect).</summary>
    public double? InviteToRedirectP50Ms { get; init; }
    public double? InviteToRedirectP99Ms { get; init; }
    /// <summary>--via-sip: the gateway process's CPU time over the phase per redirected call.</summary>
    public double? GatewayCpuMsPerCall { get; init; }
    public double? ServerCpuPeakPercent { get; init; }
    public double? ServerPeakMemoryMiB { get; init; }
    /// <summary>Server CPU time over interactions created, from the first arrival until every interaction the
    /// load test saw was final (the whole lifecycle: create, offer, accept, end, complete), in ms.</summary>
    public double? ServerCpuMsPerInteraction { get; init; }
    /// <summary>Bytes the servers allocated over the same span per interaction created, in KB (1,000 bytes).</summary>
    public double? ServerAllocatedKBPerInteraction { get; init; }
    /// <summary>Messages the servers sent to grains over the same span per interaction created (calls, answers to grains,
    /// one-way messages, the idle agents' renewals included; not what goes to the edge itself), read from Orleans'
    /// counters; null with telemetry off.</summary>
    public double? ServerMessagesPerInteraction { get; init; }
    /// <summary>With <c>--telemetry calls</c>: the calls the servers' grains received over the same span per interaction
    /// created, by "interface.method", most first (calls from the edge and between grains, one-way messages, notifications
    /// to the edge's observers, Orleans' directory and memory-storage calls, timer ticks; answers not counted).</summary>
    public Dictionary<string, double>? GrainCallsPerInteraction { get; init; }
    public int? GcCollections { get; init; }
    public double? GcPauseP99Ms { get; init; }
    public double? GcPauseMaxMs { get; init; }
    /// <summary>The load generator's own collections over the phase (all pauses summed, ms): offers it receives
    /// during one of its pauses are timed late, so a tail here is the measurement's, not the server's.</summary>
    public double? LoadGeneratorGcPauseMs { get; init; }
    /// <summary>Every pause of the phase, shortest first, with its generation and suspension time.</summary>
    public IReadOnlyList<GcPause> GcPauses { get; init; } = [];
    /// <summary>Memory, or Redis (the load test's own redis-server) with its fsync policy.</summary>
    public string Storage { get; init; } = "memory";
    /// <summary>Grain state writes (Redis EVALSHA/EVAL) per interaction created in this phase (configuring and
    /// logging in are not counted).</summary>
    public double? StateWritesPerInteraction { get; init; }
    /// <summary>Reminder table changes (Redis HSET/HDEL/ZADD/ZREM) per interaction created.</summary>
    public double? ReminderWritesPerInteraction { get; init; }
    /// <summary>Bytes sent to Redis per interaction created (all commands: state, reminders, membership).</summary>
    public double? StorageBytesPerInteraction { get; init; }
}
