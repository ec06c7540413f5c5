namespace Routing.Core;

/// <summary>
/// What caused an entry of an agent's history (<see cref="AgentMoment.Cause"/>); login, break and handling-time
/// reports read them. Stored by number, so members are appended and never renumbered.
/// </summary>
[GenerateSerializer, Alias("routing.agent-cause")]
public enum AgentCause
{
    /// <summary>A cause this build cannot name: a stored name it does not know, or a number a newer build added.</summary>
    Unknown = 0,
    Login = 1,
    Ready = 2,
    NotReady = 3,
    Logout = 4,
    SessionExpired = 5,
    RemovedFromConfiguration = 6,
    /// <summary>Enough offers rang unanswered in a row that the system made the agent not ready.</summary>
    NoAnswer = 7,
    Reserved = 8,
    Offered = 9,
    Connected = 10,
    WrapUp = 11,
    Finished = 12,
    /// <summary>The agent rejected the offer.</summary>
    ReleasedRejected = 13,
    /// <summary>The offer rang out unanswered.</summary>
    ReleasedTimedOut = 14,
    /// <summary>The customer hung up while the offer rang.</summary>
    ReleasedRescinded = 15,
    /// <summary>The system took the offer back, or dropped its reservation because the agent went Offline.</summary>
    ReleasedWithdrawn = 16,
    /// <summary>A reservation dropped because its offer took too long (or an earlier activation made it).</summary>
    ReleasedStale = 17,
    /// <summary>A reservation the agent's own look made but whose offer the interaction refused.</summary>
    ReleasedUnclaimed = 18,
}
