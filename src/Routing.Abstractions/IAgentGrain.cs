using Orleans.Concurrency;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Configuration;
using Routing.Abstractions.Interactions;

namespace Routing.Abstractions;

/// <summary>
/// One agent (<c>tenant/agentId</c>): presence, per-channel load, and the single authority on whether
/// the agent can take one more interaction.
/// </summary>
/// <remarks>
/// Call discipline (see src/Routing.Grains/README.md): methods marked <see cref="AlwaysInterleaveAttribute"/>
/// are atomic: they check and change state without awaiting any other grain, so queues and
/// interactions can call them from inside their own turns without any chance of a call cycle
/// waiting on itself. Presence changes interleave too (they await nothing but the state write), so
/// an agent's app is never kept waiting behind the agent's own look for work.
/// </remarks>
public interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>Sets skills, queues and capacity (from the tenant's configuration).</summary>
    Task Configure(AgentSettings settings);

    /// <summary>The agent was removed from the configuration: it goes offline (ringing offers go back to
    /// their queues; connected and wrap-up work is left to finish), its session ends, and every later
    /// command is refused with NotFound. Idempotent.</summary>
    Task Retire();

    /// <summary>Offline → NotReady(logged-in).</summary>
    [AlwaysInterleave]
    Task<AgentSnapshot> Login();

    /// <summary>Makes the agent Available (logging in first when Offline); it is then offered the
    /// best-scored waiting interaction among all its queues.</summary>
    [AlwaysInterleave]
    Task<AgentSnapshot> SetReady();

    /// <summary>No new offers until ready again; work in progress continues.</summary>
    [AlwaysInterleave]
    Task<AgentSnapshot> SetNotReady(string reason);

    /// <summary>Goes Offline. Offers still ringing are withdrawn and go back to their place in line.
    /// Refused while the agent has a connected interaction or one in wrap-up.</summary>
    Task<AgentSnapshot> Logout();

    [ReadOnly, AlwaysInterleave]
    Task<AgentSnapshot> GetSnapshot();

    /// <summary>The agent's timestamped presence and load changes, oldest first.</summary>
    [ReadOnly, AlwaysInterleave]
    Task<AgentStateEntry[]> GetHistory();

    Task Subscribe(IAgentObserver observer);

    Task Unsubscribe(IAgentObserver observer);

    /// <summary>Atomic: holds a slot for an interaction a queue is about to offer, or refuses.</summary>
    [AlwaysInterleave]
    Task<ReservationResult> TryReserve(ReservationRequest request);

    /// <summary>Atomic: the interaction accepted the offer; tells the agent's app. False when the slot is
    /// gone (the agent logged out meanwhile), in which case the caller withdraws the offer.</summary>
    [AlwaysInterleave]
    Task<bool> ConfirmOffer(OfferNotice offer);

    /// <summary>Atomic: frees the slot of an offer that ended without a connection.</summary>
    [AlwaysInterleave]
    Task ReleaseOffer(string interactionId, OfferOutcome outcome);

    /// <summary>Atomic: the agent accepted; the slot becomes a connected interaction. False when the
    /// agent holds no offer for it.</summary>
    [AlwaysInterleave]
    Task<bool> ConfirmConnected(string interactionId);

    /// <summary>Atomic: the conversation ended; the slot stays occupied for after-call work.</summary>
    [AlwaysInterleave]
    Task BeginWrapUp(string interactionId, DateTimeOffset until);

    /// <summary>Atomic: tells the agent's app about a transfer it asked for. <see cref="TransferNoticeKind.Transferred"/>
    /// also ends the agent's part: its connected slot goes to wrap-up until the notice's deadline (or is freed
    /// at once when there is none).</summary>
    [AlwaysInterleave]
    Task TransferUpdate(TransferNotice notice);

    /// <summary>Atomic: after-call work is done; the slot is free.</summary>
    [AlwaysInterleave]
    Task FinishInteraction(string interactionId);

    /// <summary>Asks the agent to tell all its queues how available it is (a queue that lost its index
    /// on reactivation asks its members for this).</summary>
    [OneWay, AlwaysInterleave]
    Task AnnounceAvailability();

    /// <summary>Asks the agent to look for work in its queues (sent to itself after capacity frees).</summary>
    [OneWay]
    Task LookForWork();

    /// <summary>
    /// Atomic: makes <paramref name="sessionId"/> the agent's app session and <paramref name="observer"/>'s
    /// stream (the gRPC stream) the only one that holds it. The stream that held it before is told it ended
    /// (its stream closes), and from now on refused by <see cref="HoldsSession"/> and <see cref="RenewSession"/>
    /// even if that notice is lost. Cancels a running grace period. <paramref name="grace"/> is how long the
    /// agent keeps its state if this stream drops.
    /// </summary>
    [AlwaysInterleave]
    Task<AgentSnapshot> AttachSession(string sessionId, TimeSpan grace, IAgentSessionObserver observer);

    /// <summary>Atomic: the session's edge is still there (sent periodically); re-subscribes
    /// <paramref name="observer"/>. False when <paramref name="observer"/>'s stream no longer holds
    /// <paramref name="sessionId"/> (another stream attached).</summary>
    [AlwaysInterleave]
    Task<bool> RenewSession(string sessionId, IAgentSessionObserver observer);

    /// <summary>Whether <paramref name="observer"/>'s stream holds the agent's session now. The edge asks
    /// before carrying out each command of a stream, so only the one stream that holds the session can act
    /// for the agent, whatever the order in which concurrent streams attached.</summary>
    [ReadOnly, AlwaysInterleave]
    Task<bool> HoldsSession(IAgentSessionObserver observer);

    /// <summary>
    /// Atomic: the session's stream dropped. The agent keeps its state for <paramref name="grace"/>; a
    /// stream attaching the same session id before then resumes it. Past it the agent goes Offline:
    /// ringing offers are withdrawn, connected and wrap-up interactions are left to finish. Ignored when
    /// <paramref name="sessionId"/> is not attached through <paramref name="observer"/> (the stream was replaced).
    /// </summary>
    [AlwaysInterleave]
    Task DetachSession(string sessionId, TimeSpan grace, IAgentSessionObserver observer);

    /// <summary>The current session (attached, or detached and within its grace period); null when none.</summary>
    [ReadOnly, AlwaysInterleave]
    Task<string?> GetSessionId();
}
