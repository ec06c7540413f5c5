namespace Routing.Core;

/// <summary>Why a transition of a queue's work was refused. A refused transition changes nothing.</summary>
public enum QueueRefusal
{
    /// <summary>The queue has no configuration (it does not exist, or was retired).</summary>
    NotConfigured = 0,
    /// <summary>The line holds its most: waiting and ringing together reach the size limit.</summary>
    Full = 1,
    /// <summary>New work outside business hours, where the queue refuses it.</summary>
    Closed = 2,
    /// <summary>New work no logged-in member could take, where the queue refuses it.</summary>
    NoAgents = 3,
    /// <summary>Interactions still wait or ring in the queue: retiring it would strand them.</summary>
    StillHasWork = 4,
    /// <summary>The interaction is neither waiting nor out for an offer here.</summary>
    NotHere = 5,
    /// <summary>No waiting interaction the agent may take (scoring no worse than asked).</summary>
    NothingEligible = 6,
    /// <summary>A newer availability of the agent is already known.</summary>
    OutOfDate = 7,
}
