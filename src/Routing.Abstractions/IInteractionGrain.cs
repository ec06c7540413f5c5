using Orleans.Concurrency;
using Routing.Abstractions.Interactions;
using Routing.Abstractions.Protocol;
using Routing.Core.Lifecycle;

namespace Routing.Abstractions;

/// <summary>
/// One contact's lifecycle (<c>tenant/interactionId</c>): Queued → Offered → Connected → WrapUp →
/// Completed, or Abandoned, or Overflowed. It owns the offer, max-wait and wrap-up timers (kept as deadlines in state) and is
/// the final authority on its status, so it can be offered to one agent at a time only. This is what gateways,
/// agents' apps and supervisors ask of it (through the gRPC edge); what queues and agents ask of it (offers,
/// withdrawals, wake-ups) is on <see cref="IInteractionRouting"/>, which the same grain implements.
/// </summary>
[Alias("routing.interaction")]
public interface IInteractionGrain : IGrainWithStringKey
{
    /// <summary>Creates the interaction and queues it. Idempotent: the same spec again returns the
    /// current snapshot; a different spec for an existing id is refused. The queue's policies may refuse it
    /// (ResourceExhausted when full; FailedPrecondition when closed or without agents, if the queue refuses
    /// then), and nothing is created; or overflow it at once (the snapshot is then Overflowed, or Queued in the
    /// overflow queue).</summary>
    [Alias("Create")]
    Task<InteractionSnapshot> Create(InteractionSpec spec);

    /// <summary>The waiting voice caller asks to be called back on <paramref name="number"/>: the interaction
    /// becomes a callback that keeps its place in line. FailedPrecondition unless it is a waiting voice
    /// interaction; idempotent for the same number.</summary>
    [Alias("RequestCallback")]
    Task<InteractionSnapshot> RequestCallback(string number);

    /// <summary>The customer no longer wants the callback: a scheduled, waiting or ringing callback ends as
    /// Abandoned. FailedPrecondition for anything else.</summary>
    [Alias("CancelCallback")]
    Task<InteractionSnapshot> CancelCallback();

    [ReadOnly, AlwaysInterleave]
    [Alias("GetSnapshot")]
    Task<InteractionSnapshot> GetSnapshot();

    /// <summary>The agent takes the offer: Offered → Connected.</summary>
    [Alias("Accept")]
    Task<InteractionSnapshot> Accept(string agentId);

    /// <summary>The agent declines: back to its place in line; not re-offered to that agent for the
    /// queue's re-offer delay.</summary>
    [Alias("Reject")]
    Task<InteractionSnapshot> Reject(string agentId);

    /// <summary>The customer hung up: Abandoned while waiting or ringing; ends the conversation when connected.</summary>
    [Alias("Hangup")]
    Task<InteractionSnapshot> Hangup();

    /// <summary>A supervisor changes the priority (0–100) of waiting or ringing work; it keeps its arrival
    /// time, so its place in line is re-scored. FailedPrecondition once connected or final.</summary>
    [Alias("SetPriority")]
    Task<InteractionSnapshot> SetPriority(int priority);

    /// <summary>A supervisor moves waiting work to another queue of the tenant; it keeps its arrival time
    /// (and so its seniority); the target's max wait counts from now. NotFound for an unknown queue;
    /// ResourceExhausted when the target is full; FailedPrecondition unless it is waiting.</summary>
    [Alias("MoveTo")]
    Task<InteractionSnapshot> MoveTo(string queueId);

    /// <summary>The agent ends the conversation: Connected → WrapUp (a consult in progress is called off).</summary>
    [Alias("End")]
    Task<InteractionSnapshot> End(string agentId);

    /// <summary>The agent finishes after-call work with a disposition: WrapUp (or Connected) → Completed. An agent
    /// whose leg ended by a transfer completes that leg alone; the interaction goes on.</summary>
    [Alias("Complete")]
    Task<InteractionSnapshot> Complete(string agentId, Disposition disposition);

    /// <summary>The agent asks for <paramref name="more"/> wrap-up time on its wrap-up of this interaction (its
    /// current part, or its part ended by a transfer): the deadline moves. InvalidArgument unless more than 0;
    /// FailedPrecondition when the agent is not wrapping it up, or when the extensions would pass the queue's
    /// <c>MaxWrapUpExtension</c> in all (nothing changes then).</summary>
    [Alias("ExtendWrapUp")]
    Task<InteractionSnapshot> ExtendWrapUp(string agentId, TimeSpan more);

    /// <summary>
    /// The connected agent transfers the interaction to a queue or a named agent, blind or as a consult (see
    /// src/Routing.Grains/README.md, "Transfers"). InvalidArgument for a malformed request or a transfer to
    /// oneself; NotFound for an unknown queue or agent; FailedPrecondition unless <c>FromAgentId</c> is
    /// connected to it with no consult in progress. A refused request changes nothing.
    /// </summary>
    [Alias("Transfer")]
    Task<InteractionSnapshot> Transfer(TransferRequest request);

    /// <summary>The agent who started a consult calls it off: the offer to the target is taken back and the
    /// interaction stays with the agent. FailedPrecondition when the agent has no consult in progress.</summary>
    [Alias("CancelConsult")]
    Task<InteractionSnapshot> CancelConsult(string agentId);

    [Alias("Subscribe")]
    Task Subscribe(IInteractionObserver observer);

    [Alias("Unsubscribe")]
    Task Unsubscribe(IInteractionObserver observer);

    /// <summary><see cref="Create"/> with <paramref name="observer"/> subscribed first, in one call: a gateway's session
    /// creates and follows a call without two more calls to read and subscribe. A refused create of a new interaction
    /// leaves no subscription; a refused repeat for one that exists leaves the observer subscribed.</summary>
    [Alias("CreateFollowed")]
    Task<InteractionSnapshot> CreateFollowed(InteractionSpec spec, IInteractionObserver observer);

    /// <summary>Subscribes <paramref name="observer"/> and answers the snapshot, in one call. An interaction that does
    /// not exist answers its empty snapshot (status None) and subscribes nothing.</summary>
    [Alias("Follow")]
    Task<InteractionSnapshot> Follow(IInteractionObserver observer);
}
