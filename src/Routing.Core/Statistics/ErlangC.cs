namespace Routing.Core.Statistics;

/// <summary>
/// The Erlang C queueing model (M/M/N: random arrivals, exponential handle times, callers who never
/// hang up) that contact centres use to turn a call rate and an average handle time into the chance
/// of waiting, the service level and the number of agents needed.
/// </summary>
/// <remarks>
/// Everything is computed with the Erlang B recursion B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)) and
/// then C = N·B / (N − A·(1 − B)). B stays within [0, 1] at every step, so there are no factorials,
/// no powers and no overflow, even for 10,000 agents and thousands of Erlangs; the cost is O(√A) steps
/// around the traffic plus the few past it until B is 0 in doubles, whatever N (see <see cref="ErlangB"/>).
/// Erlang C ignores abandons, so it is on the safe side: it asks for a few more agents than a model
/// with impatient callers would.
/// </remarks>
public static class ErlangC
{
    /// <summary>How many standard deviations (√A) below the traffic the recursion starts for large traffic.</summary>
    private const double WarmStartDeviations = 10;

    /// <summary>A blocking share below which Erlang B is taken as 0: no result can show the difference.</summary>
    private const double NegligibleBlocking = 1e-300;

    /// <summary>
    /// The chance that a new contact has to wait for an agent (Erlang C) when
    /// <paramref name="trafficErlangs"/> of work (arrivals per second × average handle seconds) is
    /// offered to <paramref name="agents"/> agents. It is 1 when there are no more agents than
    /// Erlangs (including no agents and no traffic): such a queue grows without bound, so everyone waits.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Traffic negative, NaN or infinite; agents negative.</exception>
    public static double ProbabilityOfWaiting(double trafficErlangs, int agents)
    {
        RequireFiniteNonNegative(trafficErlangs, nameof(trafficErlangs));
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        if (agents <= trafficErlangs)
        {
            return 1;
        }
        return ProbabilityOfWaitingFrom(ErlangB(trafficErlangs, agents), trafficErlangs, agents);
    }

    /// <summary>
    /// The expected service level: the share of contacts answered within
    /// <paramref name="thresholdSeconds"/> (e.g. "80 % in 20 s"), 1 − C·e^(−(N − A)·t / AHT).
    /// It is 1 when there is no traffic (nothing can miss the target, whatever the staffing) and
    /// 0 when there are no more agents than Erlangs of traffic.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative, NaN or infinite.</exception>
    public static double ServiceLevel(double arrivalsPerSecond, double averageHandleSeconds, int agents, double thresholdSeconds)
    {
        var traffic = Traffic(arrivalsPerSecond, averageHandleSeconds);
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        RequireFiniteNonNegative(thresholdSeconds, nameof(thresholdSeconds));
        if (traffic == 0)
        {
            return 1;
        }
        if (agents <= traffic)
        {
            return 0;
        }
        return ServiceLevelFrom(ErlangB(traffic, agents), traffic, agents, thresholdSeconds, averageHandleSeconds);
    }

    /// <summary>
    /// The expected average speed of answer in seconds (the mean wait over all contacts, including
    /// those answered at once), C·AHT / (N − A). It is 0 when there is no traffic and
    /// <see cref="double.PositiveInfinity"/> when there are no more agents than Erlangs of traffic.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative, NaN or infinite.</exception>
    public static double AverageSpeedOfAnswer(double arrivalsPerSecond, double averageHandleSeconds, int agents)
    {
        var traffic = Traffic(arrivalsPerSecond, averageHandleSeconds);
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        if (traffic == 0)
        {
            return 0;
        }
        if (agents <= traffic)
        {
            return double.PositiveInfinity;
        }
        var waiting = ProbabilityOfWaitingFrom(ErlangB(traffic, agents), traffic, agents);
        return waiting * averageHandleSeconds / (agents - traffic);
    }

    /// <summary>
    /// The smallest number of agents whose expected service level (see <see cref="ServiceLevel"/>)
    /// reaches <paramref name="targetServiceLevel"/> (e.g. 0.8 for "80 % in 20 s"). It is 0 when
    /// there is no traffic, and otherwise always more than the traffic in Erlangs (fewer agents
    /// cannot keep up at all), even for a target of 0.
    /// </summary>
    /// <returns>
    /// The number of agents, or <paramref name="maxAgents"/> + 1 when no staffing up to
    /// <paramref name="maxAgents"/> reaches the target (more traffic than <paramref name="maxAgents"/>
    /// Erlangs, or a target so close to 1 that it needs more agents). Test with
    /// <c>result &gt; maxAgents</c>. The sentinel keeps the result an ordinary, ordered number
    /// ("more than the limit") that callers can cap or show as such.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative, NaN or infinite; the
    /// target is above 1; <paramref name="maxAgents"/> is <see cref="int.MaxValue"/>.</exception>
    public static int AgentsNeeded(
        double arrivalsPerSecond,
        double averageHandleSeconds,
        double targetServiceLevel,
        double thresholdSeconds,
        int maxAgents = 100_000)
    {
        var traffic = Traffic(arrivalsPerSecond, averageHandleSeconds);
        RequireFiniteNonNegative(targetServiceLevel, nameof(targetServiceLevel));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targetServiceLevel, 1);
        RequireFiniteNonNegative(thresholdSeconds, nameof(thresholdSeconds));
        ArgumentOutOfRangeException.ThrowIfNegative(maxAgents);
        ArgumentOutOfRangeException.ThrowIfEqual(maxAgents, int.MaxValue);
        if (traffic == 0)
        {
            return 0;
        }
        if (traffic >= maxAgents)
        {
            return maxAgents + 1;
        }
        // One pass of the recursion: B(n) for every n on the way, so the search is O(answer).
        double blocking = 1;
        for (var agents = 1; agents <= maxAgents; agents++)
        {
            blocking = NextErlangB(blocking, traffic, agents);
            if (agents > traffic
                && ServiceLevelFrom(blocking, traffic, agents, thresholdSeconds, averageHandleSeconds) >= targetServiceLevel)
            {
                return agents;
            }
        }
        return maxAgents + 1;
    }

    /// <summary>Erlang B by the recursion: the share of contacts that would find every agent busy
    /// if there were no queue.</summary>
    /// <remarks>
    /// Two shortcuts keep it prompt for any head count, up to <see cref="int.MaxValue"/>: B only falls as
    /// agents are added, and past the traffic faster than geometrically, so once it is below
    /// <see cref="NegligibleBlocking"/> the answer is 0 (and so are C and the wait); carrying on would
    /// not even reach 0, as the smallest doubles round back to themselves;
    /// and for large traffic the recursion starts <see cref="WarmStartDeviations"/> × √A below A from
    /// B ≈ 1 − n/A, its value there: the recursion forgets where it started by a factor of about
    /// n/A a step, so by N = A the start's error is below e^−50, far under a double's precision.
    /// </remarks>
    internal static double ErlangB(double trafficErlangs, int agents)
    {
        var (done, blocking) = RecursionStart(trafficErlangs, agents);
        // A long counter: one that reaches int.MaxValue must not wrap.
        for (long n = done + 1; n <= agents; n++)
        {
            blocking = NextErlangB(blocking, trafficErlangs, n);
            if (blocking < NegligibleBlocking)
            {
                return 0;
            }
        }
        return blocking;
    }

    /// <summary>Where the recursion starts: (0, B(0) = 1), or for large traffic a point well below it with
    /// B's value there (see <see cref="ErlangB"/>).</summary>
    private static (long Done, double Blocking) RecursionStart(double traffic, int agents)
    {
        var start = Math.Floor(traffic - (WarmStartDeviations * Math.Sqrt(traffic)));
        return start >= 1 && start < agents ? ((long)start, 1 - (start / traffic)) : (0, 1);
    }

    private static double NextErlangB(double previous, double traffic, long agents)
    {
        var carried = traffic * previous;
        return carried / (agents + carried);
    }

    /// <summary>C = N·B / (N − A·(1 − B)); only for N &gt; A, where the denominator is positive.</summary>
    private static double ProbabilityOfWaitingFrom(double blocking, double traffic, int agents) =>
        Math.Clamp(agents * blocking / (agents - traffic * (1 - blocking)), 0, 1);

    private static double ServiceLevelFrom(double blocking, double traffic, int agents, double thresholdSeconds, double averageHandleSeconds)
    {
        var waiting = ProbabilityOfWaitingFrom(blocking, traffic, agents);
        var stillWaiting = Math.Exp(-(agents - traffic) * thresholdSeconds / averageHandleSeconds);
        return Math.Clamp(1 - (waiting * stillWaiting), 0, 1);
    }

    private static double Traffic(double arrivalsPerSecond, double averageHandleSeconds)
    {
        RequireFiniteNonNegative(arrivalsPerSecond, nameof(arrivalsPerSecond));
        RequireFiniteNonNegative(averageHandleSeconds, nameof(averageHandleSeconds));
        var traffic = arrivalsPerSecond * averageHandleSeconds;
        if (double.IsInfinity(traffic))
        {
            throw new ArgumentOutOfRangeException(nameof(arrivalsPerSecond), arrivalsPerSecond, "arrivals × handle time is too large");
        }
        return traffic;
    }

    private static void RequireFiniteNonNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, "must be a finite number, zero or more");
        }
    }
}
