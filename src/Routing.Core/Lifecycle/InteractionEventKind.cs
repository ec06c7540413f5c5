namespace Routing.Core.Lifecycle;

/// <summary>What happened to an interaction.</summary>
[GenerateSerializer]
public enum InteractionEventKind
{
    Queued = 0,
    Offered = 1,
    OfferRejected = 2,
    OfferTimedOut = 3,
    /// <summary>The offer was taken back: the customer hung up or the agent logged out.</summary>
    OfferRescinded = 4,
    Connected = 5,
    Ended = 6,
    Completed = 7,
    Abandoned = 8,
    /// <summary>A supervisor changed its priority while it waited or rang.</summary>
    Reprioritised = 9,
    /// <summary>A supervisor moved it to another queue; it kept its arrival time.</summary>
    Moved = 10,
    /// <summary>The agent's part (leg) ended because the interaction was transferred: blind at once, consult
    /// when the target accepted. The event's agent is the agent who transferred it.</summary>
    Transferred = 11,
    /// <summary>The connected agent asked to consult a queue or an agent; the agent stays connected meanwhile.</summary>
    ConsultStarted = 12,
    /// <summary>The consult target rejected, did not answer in time or could not take it; the interaction stays
    /// with the agent who asked.</summary>
    ConsultFailed = 13,
    /// <summary>The agent who asked for a consult called it off, or the customer hung up during it.</summary>
    ConsultCancelled = 14,
    /// <summary>Its queue's overflow action ended it (status Overflowed): the event's overflow notice says
    /// what the gateway should do and why. An overflow to another queue is a <see cref="Moved"/> event instead.</summary>
    Overflowed = 15,
    /// <summary>The waiting caller asked to be called back (number in the detail): it keeps its place in line
    /// as a callback, and the gateway may end the caller's voice leg.</summary>
    CallbackRequested = 16,
    /// <summary>A callback was scheduled for a later time (in the detail); it joins the line then.</summary>
    Scheduled = 17,
}
