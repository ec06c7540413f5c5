using Routing.Abstractions.Configuration;
using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;

namespace Routing.Grains.Interactions;

/// <summary>The interaction grain's stored state. Timers are kept as deadlines and re-armed on activation. It is the
/// state <see cref="InteractionCase"/> checks and changes in place.</summary>
[GenerateSerializer, Alias("routing.interaction-state")]
public sealed class InteractionState : IInteractionCaseState
{
    [Id(0)] public InteractionSpec? Spec { get; set; }
    [Id(1)] public InteractionStatus Status { get; set; }
    [Id(2)] public DateTimeOffset Arrival { get; set; }
    /// <summary>The agent offered to (Offered) or handling it (Connected, WrapUp, Completed).</summary>
    [Id(3)] public string? AgentId { get; set; }
    [Id(4)] public DateTimeOffset? OfferDeadline { get; set; }
    /// <summary>The timers of the queue that made the current (or last) offer.</summary>
    [Id(5)] public OfferRequest? Terms { get; set; }
    [Id(6)] public int OfferAttempts { get; set; }
    [Id(7)] public DateTimeOffset? WrapUpDeadline { get; set; }
    [Id(8)] public Disposition? Disposition { get; set; }
    [Id(9)] public List<InteractionEvent> Events { get; set; } = [];
    /// <summary>The priority a supervisor set, instead of the one it was created with.</summary>
    [Id(10)] public int? Priority { get; set; }
    /// <summary>The queue a supervisor moved it to, instead of the one it was created in.</summary>
    [Id(11)] public string? QueueId { get; set; }
    /// <summary>Every agent's part of the interaction, oldest first (see <see cref="InteractionLeg"/>).</summary>
    [Id(12)] public List<InteractionLeg> Legs { get; set; } = [];
    /// <summary>A transfer still under way: a consult, or a named agent's transfer offer ringing.</summary>
    [Id(13)] public PendingTransfer? Transfer { get; set; }
    /// <summary>Its arrival in its current line when a transfer reset it (the queue's choice); null: <see cref="Arrival"/>.</summary>
    [Id(14)] public DateTimeOffset? LineArrival { get; set; }
    /// <summary>The agent who last transferred it, until another agent connects (shown on offers).</summary>
    [Id(15)] public string? TransferredFromAgentId { get; set; }
    /// <summary>Who last served the customer (looked up at creation), for the queue's preferred-agent wait.</summary>
    [Id(16)] public Abstractions.Customers.LastService? LastService { get; set; }
    /// <summary>When it entered its current queue's line, as that queue answered (its waits count from then);
    /// sent back when it rejoins that line. Null: <see cref="Arrival"/>.</summary>
    [Id(17)] public DateTimeOffset? LineEnteredAt { get; set; }
    /// <summary>The number to call back, once a waiting voice caller asked for a callback (the channel is
    /// Callback from then on).</summary>
    [Id(30)] public string? CallbackNumber { get; set; }

    // ── Queue behaviour. Ids 40–49. ──

    /// <summary>When it has waited its queue's max wait (counted from entering that queue); null: no limit.
    /// Watched only while Queued: a ringing offer finishes first, and it overflows if it comes back to the line.</summary>
    [Id(40)] public DateTimeOffset? WaitDeadline { get; set; }
    /// <summary>The overflow action of the queue whose max wait <see cref="WaitDeadline"/> is.</summary>
    [Id(41)] public OverflowAction? WaitOverflow { get; set; }
    /// <summary>How many times a queue's overflow moved it to another queue (the loop guard).</summary>
    [Id(42)] public int OverflowHops { get; set; }

    // ── History. Ids 50–59. ──

    /// <summary>The sequence of the last event the history store confirmed holding, with the interaction as it stood
    /// then: everything after it is recorded again (InteractionGrain.History.cs).</summary>
    [Id(50)] public long HistoryRecorded { get; set; }
    /// <summary>The client company of the queue it last joined (from the queue's receipt), for its history; null: none.</summary>
    [Id(51)] public string? QueueClient { get; set; }

    Channel IInteractionCaseState.CreatedChannel => Spec?.Channel ?? Channel.Voice;

    int IInteractionCaseState.CreatedPriority => Spec?.Priority ?? 0;

    string IInteractionCaseState.CreatedQueueId => Spec?.QueueId ?? "";
}
