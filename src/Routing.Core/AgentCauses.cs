namespace Routing.Core;

/// <summary>The causes an agent's history entries name (<see cref="AgentMoment.Cause"/>); reports read them.</summary>
public static class AgentCauses
{
    public const string Login = "login";
    public const string Ready = "ready";
    public const string NotReady = "not-ready";
    public const string Logout = "logout";
    public const string SessionExpired = "session-expired";
    public const string RemovedFromConfiguration = "removed-from-configuration";
    public const string NoAnswer = "no-answer";
    public const string Reserved = "reserved";
    public const string Offered = "offered";
    public const string Connected = "connected";
    public const string WrapUp = "wrap-up";
    public const string Finished = "finished";
    /// <summary>A reservation dropped because the agent went Offline.</summary>
    public const string ReleasedWithdrawn = "released-withdrawn";
    /// <summary>A reservation dropped because its offer took too long (or an earlier activation made it).</summary>
    public const string ReleasedStale = "released-stale-reservation";
    /// <summary>A reservation the agent's own look made but whose offer the interaction refused.</summary>
    public const string ReleasedUnclaimed = "released-unclaimed";

    /// <summary>An offer (or its reservation) released with <paramref name="outcome"/> (rejected, timedout, ...).</summary>
    public static string Released(string outcome) => $"released-{outcome.ToLowerInvariant()}";
}
