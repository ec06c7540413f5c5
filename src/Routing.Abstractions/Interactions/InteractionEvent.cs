using Routing.Core;

namespace Routing.Abstractions.Interactions;

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
    /// when the target accepted. <see cref="InteractionEvent.AgentId"/> is the agent who transferred it.</summary>
    Transferred = 11,
    /// <summary>The connected agent asked to consult a queue or an agent; the agent stays connected meanwhile.</summary>
    ConsultStarted = 12,
    /// <summary>The consult target rejected, did not answer in time or could not take it; the interaction stays
    /// with the agent who asked.</summary>
    ConsultFailed = 13,
    /// <summary>The agent who asked for a consult called it off, or the customer hung up during it.</summary>
    ConsultCancelled = 14,
    /// <summary>Its queue's overflow action ended it (status Overflowed): <see cref="InteractionEvent.Overflow"/> says
    /// what the gateway should do and why. An overflow to another queue is a <see cref="Moved"/> event instead.</summary>
    Overflowed = 15,
    /// <summary>The waiting caller asked to be called back (number in the detail): it keeps its place in line
    /// as a callback, and the gateway may end the caller's voice leg.</summary>
    CallbackRequested = 16,
    /// <summary>A callback was scheduled for a later time (in the detail); it joins the line then.</summary>
    Scheduled = 17,
}

/// <summary>One entry in an interaction's history; <see cref="Sequence"/> numbers them from 1.</summary>
[GenerateSerializer, Immutable, Alias("routing.interaction-event")]
public sealed record InteractionEvent
{
    [Id(0)] public required string InteractionId { get; init; }
    [Id(1)] public required long Sequence { get; init; }
    [Id(2)] public required DateTimeOffset At { get; init; }
    [Id(3)] public required InteractionEventKind Kind { get; init; }
    /// <summary>The status after this event.</summary>
    [Id(4)] public required InteractionStatus Status { get; init; }
    [Id(5)] public required string QueueId { get; init; }
    /// <summary>The agent concerned (offered to, connected to…), if any.</summary>
    [Id(6)] public string? AgentId { get; init; }
    [Id(7)] public string? Detail { get; init; }
    /// <summary>On <see cref="InteractionEventKind.Overflowed"/>: the action for the gateway and its cause.</summary>
    [Id(8)] public OverflowNotice? Overflow { get; init; }
}
