namespace Routing.Core.Lifecycle;

/// <summary>What moves an interaction from one status to the next (see <see cref="InteractionLifecycle"/>).</summary>
public enum InteractionTrigger
{
    /// <summary>It joins its queue's line: when created, or when a scheduled callback falls due.</summary>
    JoinLine,
    /// <summary>The queue did not take a new interaction (refused, or no answer in time): nothing was created.</summary>
    CreateRolledBack,
    /// <summary>Created as a callback for a later time.</summary>
    Schedule,
    /// <summary>A queue or a freed agent offers it to one agent.</summary>
    Offer,
    /// <summary>The offer ended without an answer: rejected, rang out, withdrawn or a transfer's fallback.</summary>
    OfferEnded,
    /// <summary>The agent took the offer.</summary>
    Accept,
    /// <summary>The customer left before an agent answered (or cancelled a scheduled callback).</summary>
    Abandon,
    /// <summary>The conversation ended (the agent or the customer); after-call work begins.</summary>
    EndTalk,
    /// <summary>After-call work finished, with a disposition or when its time ran out.</summary>
    Complete,
    /// <summary>The queue's overflow ended it (closed, no agents, max wait, full target, too many hops).</summary>
    Overflow,
    /// <summary>A scheduled callback fell due, but its queue no longer takes work: it cannot be made.</summary>
    JoinRefused,
    /// <summary>The connected agent sent it blind to a queue (or a named agent who cannot take it now).</summary>
    TransferToQueue,
    /// <summary>The connected agent sent it blind to a named agent, whose phone now rings.</summary>
    TransferToAgent,
}
