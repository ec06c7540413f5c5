namespace Routing.Core;

/// <summary>What the agent grain carries out after an accepted transition, besides writing its state and
/// recording each <see cref="AgentMoment"/> (which every accepted transition asks for).</summary>
[Flags]
public enum AgentEffects
{
    None = 0,
    /// <summary>Tell the agent's queues its availability changed.</summary>
    AnnounceAvailability = 1,
    /// <summary>Look for waiting work across the agent's queues (it has room or just became Available).</summary>
    LookForWork = 2,
    /// <summary>Tell the agent's app the offer it just confirmed is ringing.</summary>
    TellOffer = 4,
    /// <summary>Tell the agent's app the offer that rang has ended.</summary>
    TellOfferEnded = 8,
    /// <summary>Unanswered offers in a row made the agent not ready: worth a log line for supervisors.</summary>
    NoAnswer = 16,
    /// <summary>A reservation made or given back without ringing: a step between the agent grain and its queues
    /// that the agent's app never sees (it sees the work when it rings), so the app is not told.</summary>
    Unseen = 32,
}
