using Orleans.Concurrency;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Configuration;
using Routing.Abstractions.Interactions;

namespace Routing.Abstractions.Protocol;

/// <summary>
/// The agent's part in the grains' own protocol (<c>tenant/agentId</c>, implemented by the agent grain
/// beside <see cref="IAgentGrain"/>), the single authority on whether the agent can take one more interaction:
/// the tenant configures it, queues and interactions reserve, offer and free its slots, and it asks itself to
/// look for work. Only grains call these methods.
/// </summary>
/// <remarks>
/// Call discipline (see src/Routing.Grains/README.md): methods marked <see cref="AlwaysInterleaveAttribute"/>
/// are atomic: they check and change state without awaiting any other grain, so queues and
/// interactions can call them from inside their own turns without any chance of a call cycle
/// waiting on itself.
/// </remarks>
[Alias("routing.agent-routing")]
public interface IAgentRouting : IGrainWithStringKey
{
    /// <summary>Sets skills, queues and capacity (from the tenant's configuration).</summary>
    [Alias("Configure")]
    Task Configure(AgentSettings settings);

    /// <summary>The agent was removed from the configuration: it goes offline (ringing offers go back to
    /// their queues; connected and wrap-up work is left to finish), its session ends, and every later
    /// command is refused with NotFound. Idempotent.</summary>
    [Alias("Retire")]
    Task Retire();

    /// <summary>Atomic: holds a slot for an interaction a queue is about to offer, or refuses.</summary>
    [AlwaysInterleave]
    [Alias("TryReserve")]
    Task<ReservationResult> TryReserve(ReservationRequest request);

    /// <summary>Atomic: the interaction accepted the offer; tells the agent's app. False when the slot is
    /// gone (the agent logged out meanwhile), in which case the caller withdraws the offer.</summary>
    [AlwaysInterleave]
    [Alias("ConfirmOffer")]
    Task<bool> ConfirmOffer(OfferNotice offer);

    /// <summary>Atomic: frees the slot of an offer that ended without a connection.</summary>
    [AlwaysInterleave]
    [Alias("ReleaseOffer")]
    Task ReleaseOffer(string interactionId, OfferOutcome outcome);

    /// <summary>Atomic: the agent accepted; the slot becomes a connected interaction. False when the
    /// agent holds no offer for it.</summary>
    [AlwaysInterleave]
    [Alias("ConfirmConnected")]
    Task<bool> ConfirmConnected(string interactionId);

    /// <summary>Atomic: the conversation ended; the slot stays occupied for after-call work.</summary>
    [AlwaysInterleave]
    [Alias("BeginWrapUp")]
    Task BeginWrapUp(string interactionId, DateTimeOffset until);

    /// <summary>Atomic: tells the agent's app about a transfer it asked for. <see cref="TransferNoticeKind.Transferred"/>
    /// also ends the agent's part: its connected slot goes to wrap-up until the notice's deadline (or is freed
    /// at once when there is none).</summary>
    [AlwaysInterleave]
    [Alias("TransferUpdate")]
    Task TransferUpdate(TransferNotice notice);

    /// <summary>Atomic: after-call work is done; the slot is free.</summary>
    [AlwaysInterleave]
    [Alias("FinishInteraction")]
    Task FinishInteraction(string interactionId);

    /// <summary>Asks the agent to tell all its queues how available it is (a queue that lost its index
    /// on reactivation asks its members for this).</summary>
    [OneWay, AlwaysInterleave]
    [Alias("AnnounceAvailability")]
    Task AnnounceAvailability();

    /// <summary>Asks the agent to look for work in its queues (sent to itself after capacity frees).</summary>
    [OneWay]
    [Alias("LookForWork")]
    Task LookForWork();
}
