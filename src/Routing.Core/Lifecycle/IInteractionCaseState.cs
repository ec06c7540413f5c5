namespace Routing.Core.Lifecycle;

/// <summary>
/// The part of an interaction's stored state that <see cref="InteractionCase"/> checks and changes. The interaction
/// grain's state implements it with the properties it already stores, so the model works on the stored values in
/// place and the stored shape stays as it is.
/// </summary>
public interface IInteractionCaseState
{
    InteractionStatus Status { get; set; }
    /// <summary>The agent offered to (Offered) or handling it (Connected, WrapUp, Completed).</summary>
    string? AgentId { get; set; }
    int OfferAttempts { get; set; }
    DateTimeOffset? OfferDeadline { get; set; }
    DateTimeOffset? WrapUpDeadline { get; set; }
    /// <summary>When it has waited its queue's max wait; watched only while Queued.</summary>
    DateTimeOffset? WaitDeadline { get; set; }
    /// <summary>How many times a queue's overflow moved it to another queue (the loop guard).</summary>
    int OverflowHops { get; set; }
    /// <summary>The queue it was moved to, instead of the one it was created in.</summary>
    string? QueueId { get; set; }
    Disposition? Disposition { get; set; }
    /// <summary>Every agent's part of the interaction, oldest first.</summary>
    List<InteractionLeg> Legs { get; }
    /// <summary>When it arrived (a scheduled callback: its scheduled time).</summary>
    DateTimeOffset Arrival { get; set; }
    /// <summary>The channel it was created on.</summary>
    Channel CreatedChannel { get; }
    /// <summary>The number to call back, once a waiting voice caller asked for a callback.</summary>
    string? CallbackNumber { get; set; }
    /// <summary>The agent who last transferred it, until another agent connects.</summary>
    string? TransferredFromAgentId { get; set; }
    /// <summary>A transfer under way: a consult, or a named agent's transfer offer ringing; null when none is.</summary>
    PendingTransfer? Transfer { get; set; }
    /// <summary>The timers of the queue that made the current (or last) offer.</summary>
    OfferRequest? Terms { get; set; }
    /// <summary>The priority a supervisor set, instead of the one it was created with.</summary>
    int? Priority { get; set; }
    /// <summary>The priority it was created with.</summary>
    int CreatedPriority { get; }
    /// <summary>The queue it was created in.</summary>
    string CreatedQueueId { get; }
}
