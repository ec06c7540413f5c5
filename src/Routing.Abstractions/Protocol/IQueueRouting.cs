using Orleans.Concurrency;
using Routing.Abstractions.Configuration;
using Routing.Abstractions.Queues;
using Routing.Core;

namespace Routing.Abstractions.Protocol;

/// <summary>
/// The queue's part in the grains' own protocol (<c>tenant/queueId</c>, implemented by the queue grain beside
/// <see cref="IQueueGrain"/>): the tenant configures it, interactions join and leave its line, agents tell it
/// their availability and ask it for work, and it sends itself routing passes. Only grains call these methods.
/// </summary>
/// <remarks>Methods marked <see cref="AlwaysInterleaveAttribute"/> are atomic: they never await another grain.</remarks>
[Alias("routing.queue-routing")]
public interface IQueueRouting : IGrainWithStringKey
{
    /// <summary>Sets the queue's definition, the agents who serve it and the tenant's time zone (its
    /// statistics' day starts at local midnight), from the tenant's configuration.</summary>
    [Alias("Configure")]
    Task Configure(QueueDefinition definition, string[] members, string timeZone);

    /// <summary>The queue was removed from the configuration: new work is refused with NotFound. Refused
    /// (FailedPrecondition) while interactions wait or ring in it. Idempotent.</summary>
    [Alias("Retire")]
    Task Retire();

    /// <summary>Wakes the queue after a silo was lost: activating it reloads its line and asks its
    /// agents to announce themselves; it wakes the interactions it had out for an offer and routes.</summary>
    [AlwaysInterleave]
    [Alias("Recover")]
    Task Recover();

    /// <summary>Whether the queue exists (is configured).</summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("IsConfigured")]
    Task<bool> IsConfigured();

    /// <summary>Atomic: a waiting interaction changes channel (a caller who asked for a callback), keeping its place.</summary>
    [AlwaysInterleave]
    [Alias("ChangeChannel")]
    Task ChangeChannel(string interactionId, Channel channel);

    /// <summary>Atomic: puts an interaction in line (idempotent). Refused for an unknown queue. Work new to the
    /// line meets the queue's admission rules per <see cref="EnqueueRequest.Reason"/>: refused
    /// (ResourceExhausted when full; FailedPrecondition when closed or without agents) before anything changes,
    /// or not put in line with <see cref="EnqueueReceipt.OverflowNow"/> set. The receipt carries the max wait.</summary>
    [AlwaysInterleave]
    [Alias("Enqueue")]
    Task<EnqueueReceipt> Enqueue(EnqueueRequest request);

    /// <summary>Atomic: an offer ended without a connection; the interaction goes back to its place in
    /// line and <paramref name="agentId"/> is not offered it again before <paramref name="excludeUntil"/>.</summary>
    [AlwaysInterleave]
    [Alias("ReturnToLine")]
    Task ReturnToLine(EnqueueRequest request, string agentId, DateTimeOffset excludeUntil);

    /// <summary>Atomic: the interaction now routes with <paramref name="priority"/>: its place in line is
    /// re-scored from its original arrival (or, while an offer of it rings, the entry kept for its return is).</summary>
    [AlwaysInterleave]
    [Alias("Reprioritise")]
    Task Reprioritise(string interactionId, int priority);

    /// <summary>Atomic: the interaction was answered or abandoned; it leaves the queue for good.</summary>
    [AlwaysInterleave]
    [Alias("Remove")]
    Task Remove(string interactionId, QueueExit exit);

    /// <summary>An interaction from this queue was completed after <paramref name="talk"/> and
    /// <paramref name="wrapUp"/> (for the average handle time).</summary>
    [OneWay, AlwaysInterleave]
    [Alias("InteractionCompleted")]
    Task InteractionCompleted(TimeSpan talk, TimeSpan wrapUp);

    /// <summary>Atomic: the best waiting interaction <paramref name="agent"/> could take, if any.</summary>
    [AlwaysInterleave]
    [Alias("PeekFor")]
    Task<QueueCandidate?> PeekFor(AgentCandidate agent);

    /// <summary>Atomic: takes the best waiting interaction <paramref name="agent"/> can take out of line
    /// for an offer to it, provided it scores at least as well as <paramref name="notAfter"/> (the best an
    /// other queue offers the agent); null when there is none. Claiming the best rather than a named
    /// interaction means agents racing for the head of a line each get the next one in a single call.</summary>
    [AlwaysInterleave]
    [Alias("ClaimBestFor")]
    Task<Claim?> ClaimBestFor(AgentCandidate agent, DateTimeOffset notAfter);

    /// <summary>Atomic: for an agent of this queue alone, with no other queue's best to compare: as
    /// <see cref="ClaimBestFor"/> with no bound; when there is nothing to claim, records <paramref name="agent"/>'s
    /// availability as <see cref="AgentAvailabilityChanged"/> does, so the agent need not send it. One call
    /// instead of a peek, and then a claim or an availability message.</summary>
    [AlwaysInterleave]
    [Alias("ClaimBestOrListen")]
    Task<Claim?> ClaimBestOrListen(AgentCandidate agent);

    /// <summary>An agent's availability changed (one-way, newest version wins).</summary>
    [OneWay, AlwaysInterleave]
    [Alias("AgentAvailabilityChanged")]
    Task AgentAvailabilityChanged(AgentCandidate agent);

    /// <summary>Runs a routing pass (sent to itself when work or agents arrive).</summary>
    [OneWay]
    [Alias("Dispatch")]
    Task Dispatch();
}
