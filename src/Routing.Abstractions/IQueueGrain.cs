using Orleans.Concurrency;
using Routing.Abstractions.Configuration;
using Routing.Abstractions.Queues;
using Routing.Core;
using Routing.Core.Statistics;

namespace Routing.Abstractions;

/// <summary>
/// One queue (<c>tenant/queueId</c>): its line of waiting interactions ordered by score, an index of
/// its available agents, and the routing decisions for its interactions.
/// </summary>
/// <remarks>Methods marked <see cref="AlwaysInterleaveAttribute"/> are atomic: they never await another grain.</remarks>
public interface IQueueGrain : IGrainWithStringKey
{
    /// <summary>Sets the queue's definition, the agents who serve it and the tenant's time zone (its
    /// statistics' day starts at local midnight), from the tenant's configuration.</summary>
    Task Configure(QueueDefinition definition, string[] members, string timeZone);

    /// <summary>The queue was removed from the configuration: new work is refused with NotFound. Refused
    /// (FailedPrecondition) while interactions wait or ring in it. Idempotent.</summary>
    Task Retire();

    [ReadOnly, AlwaysInterleave]
    Task<QueueSnapshot> GetSnapshot();

    /// <summary>Wakes the queue after a silo was lost: activating it reloads its line and asks its
    /// agents to announce themselves; it wakes the interactions it had out for an offer and routes.</summary>
    [AlwaysInterleave]
    Task Recover();

    /// <summary>Whether the queue exists (is configured).</summary>
    [ReadOnly, AlwaysInterleave]
    Task<bool> IsConfigured();

    /// <summary>Atomic: a waiting interaction changes channel (a caller who asked for a callback), keeping its place.</summary>
    [AlwaysInterleave]
    Task ChangeChannel(string interactionId, Channel channel);

    /// <summary>Atomic: puts an interaction in line (idempotent). Refused for an unknown queue. Work new to the
    /// line meets the queue's admission rules per <see cref="Queues.EnqueueRequest.Reason"/>: refused
    /// (ResourceExhausted when full; FailedPrecondition when closed or without agents) before anything changes,
    /// or not put in line with <see cref="Queues.EnqueueReceipt.OverflowNow"/> set. The receipt carries the max wait.</summary>
    [AlwaysInterleave]
    Task<EnqueueReceipt> Enqueue(EnqueueRequest request);

    /// <summary>Atomic: an offer ended without a connection; the interaction goes back to its place in
    /// line and <paramref name="agentId"/> is not offered it again before <paramref name="excludeUntil"/>.</summary>
    [AlwaysInterleave]
    Task ReturnToLine(EnqueueRequest request, string agentId, DateTimeOffset excludeUntil);

    /// <summary>Atomic: the interaction now routes with <paramref name="priority"/>: its place in line is
    /// re-scored from its original arrival (or, while an offer of it rings, the entry kept for its return is).</summary>
    [AlwaysInterleave]
    Task Reprioritise(string interactionId, int priority);

    /// <summary>Atomic: the interaction was answered or abandoned; it leaves the queue for good.</summary>
    [AlwaysInterleave]
    Task Remove(string interactionId, QueueExit exit);

    /// <summary>An interaction from this queue was completed after <paramref name="talk"/> and
    /// <paramref name="wrapUp"/> (for the average handle time).</summary>
    [OneWay, AlwaysInterleave]
    Task InteractionCompleted(TimeSpan talk, TimeSpan wrapUp);

    /// <summary>Atomic: the queue's live statistics now.</summary>
    [ReadOnly, AlwaysInterleave]
    Task<QueueStatistics> GetStatistics();

    /// <summary>Atomic: pushes statistics to <paramref name="observer"/> as they change (lease 10 minutes; subscribe again to renew).</summary>
    [AlwaysInterleave]
    Task Subscribe(IQueueObserver observer);

    [AlwaysInterleave]
    Task Unsubscribe(IQueueObserver observer);

    /// <summary>Atomic: the best waiting interaction <paramref name="agent"/> could take, if any.</summary>
    [AlwaysInterleave]
    Task<QueueCandidate?> PeekFor(AgentCandidate agent);

    /// <summary>Atomic: takes the best waiting interaction <paramref name="agent"/> can take out of line
    /// for an offer to it, provided it scores at least as well as <paramref name="notAfter"/> (the best an
    /// other queue offers the agent); null when there is none. Claiming the best rather than a named
    /// interaction means agents racing for the head of a line each get the next one in a single call.</summary>
    [AlwaysInterleave]
    Task<Claim?> ClaimBestFor(AgentCandidate agent, DateTimeOffset notAfter);

    /// <summary>An agent's availability changed (one-way, newest version wins).</summary>
    [OneWay, AlwaysInterleave]
    Task AgentAvailabilityChanged(AgentCandidate agent);

    /// <summary>Runs a routing pass (sent to itself when work or agents arrive).</summary>
    [OneWay]
    Task Dispatch();
}
