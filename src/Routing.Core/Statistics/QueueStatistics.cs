namespace Routing.Core.Statistics;

/// <summary>
/// What a queue publishes about itself for wallboards and supervisors at one moment: the line, the
/// agents serving it, the rolling 15 minutes and today, the wait a new contact can expect and the
/// staffing Erlang C says the queue needs to meet its service-level target.
/// </summary>
[GenerateSerializer, Immutable, Alias("routing.queue-statistics")]
public sealed record QueueStatistics
{
    /// <summary>The queue these statistics describe.</summary>
    [Id(0)] public required string QueueId { get; init; }

    /// <summary>When the statistics were taken.</summary>
    [Id(1)] public required DateTimeOffset At { get; init; }

    /// <summary>Contacts waiting in the queue now.</summary>
    [Id(2)] public int Waiting { get; init; }

    /// <summary>How long the longest-waiting contact has waited in this queue (zero when nobody waits).</summary>
    [Id(3)] public TimeSpan LongestWait { get; init; }

    /// <summary>Agents of the queue who are ready and free to take one of its contacts.</summary>
    [Id(4)] public int AgentsAvailable { get; init; }

    /// <summary>Agents of the queue who are handling work (talking or in wrap-up).</summary>
    [Id(5)] public int AgentsBusy { get; init; }

    /// <summary>Agents of the queue who are logged in but not ready (break, training, ...).</summary>
    [Id(6)] public int AgentsNotReady { get; init; }

    /// <summary>The rolling last 15 minutes.</summary>
    [Id(7)] public required QueueIntervalStatistics Rolling { get; init; }

    /// <summary>Today since local midnight.</summary>
    [Id(8)] public required QueueIntervalStatistics Today { get; init; }

    /// <summary>The wait a contact joining now can expect (see <see cref="Statistics.EstimatedWait.ForNewArrival"/>);
    /// null when unknown.</summary>
    [Id(9)] public TimeSpan? EstimatedWait { get; init; }

    /// <summary>The agents Erlang C says the queue needs to meet its target at the rolling arrival
    /// rate and handle time (see <see cref="EstimateAgentsNeeded"/>); null when not computable.</summary>
    [Id(10)] public int? AgentsNeeded { get; init; }

    /// <summary>The queue's service-level target, e.g. 0.8 for "80 % in 20 s".</summary>
    [Id(11)] public double ServiceLevelTarget { get; init; }

    /// <summary>The queue's service-level threshold, e.g. 20 s for "80 % in 20 s".</summary>
    [Id(12)] public TimeSpan ServiceLevelThreshold { get; init; }

    /// <summary>The share of working agents busy at this moment: busy ÷ (available + busy), a head
    /// count; null when no agent is available or busy. It is not occupancy in the contact-centre sense
    /// (handle time ÷ logged-in time over an interval): agents serve several queues, so one queue cannot
    /// tell how much of an agent's time was its own.</summary>
    public double? BusyAgentShare
    {
        get
        {
            var working = AgentsAvailable + AgentsBusy;
            return working > 0 ? (double)AgentsBusy / working : null;
        }
    }

    /// <summary>
    /// Erlang C staffing for <paramref name="rolling"/>: the agents needed to answer
    /// <paramref name="serviceLevelTarget"/> of contacts within <paramref name="serviceLevelThreshold"/>
    /// at the window's arrival rate and average handle time. 0 when nothing arrived; null when the
    /// handle time is unknown (nothing completed) while contacts arrive, or when more than
    /// <paramref name="maxAgents"/> would be needed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The target is outside [0, 1] or the threshold is negative.</exception>
    public static int? EstimateAgentsNeeded(
        QueueIntervalStatistics rolling,
        double serviceLevelTarget,
        TimeSpan serviceLevelThreshold,
        int maxAgents = 100_000)
    {
        ArgumentNullException.ThrowIfNull(rolling);
        ArgumentOutOfRangeException.ThrowIfLessThan(serviceLevelThreshold, TimeSpan.Zero);
        if (rolling.ArrivalsPerSecond == 0)
        {
            return ErlangC.AgentsNeeded(0, 0, serviceLevelTarget, serviceLevelThreshold.TotalSeconds, maxAgents);
        }
        if (rolling.AverageHandleTime is not { } handle || handle <= TimeSpan.Zero)
        {
            return null;
        }
        var agents = ErlangC.AgentsNeeded(
            rolling.ArrivalsPerSecond, handle.TotalSeconds, serviceLevelTarget, serviceLevelThreshold.TotalSeconds, maxAgents);
        return agents > maxAgents ? null : agents;
    }
}
