namespace Routing.Core;

/// <summary>Why a transition of an agent's workload was refused. A refused transition changes nothing.</summary>
public enum AgentRefusal
{
    /// <summary>The agent has no configuration: it has no capacity.</summary>
    NotConfigured = 0,
    /// <summary>The agent is Offline (a not-ready reason or an offer needs it logged in).</summary>
    Offline = 1,
    /// <summary>The agent is not Available, so it takes no new work.</summary>
    NotAvailable = 2,
    /// <summary>The work comes from a queue the agent does not serve.</summary>
    NotAMember = 3,
    /// <summary>The agent already holds a slot for this interaction.</summary>
    AlreadyHeld = 4,
    /// <summary>One more interaction on the channel would exceed the agent's capacity (or mix voice with other work).</summary>
    NoCapacity = 5,
    /// <summary>The agent holds no slot for this interaction.</summary>
    NoSlot = 6,
    /// <summary>The interaction's slot is in a phase this transition does not start from.</summary>
    WrongPhase = 7,
    /// <summary>The agent already has this presence (and reason): nothing to change.</summary>
    AlreadyInPresence = 8,
    /// <summary>Connected or wrap-up work is in progress: logging out would leave it without an agent.</summary>
    WorkInProgress = 9,
    /// <summary>The not-ready reason is not a valid code.</summary>
    InvalidReason = 10,
    /// <summary>No reservation is old enough to drop.</summary>
    NothingStale = 11,
}
