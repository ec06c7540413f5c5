namespace Routing.Core.Lifecycle;

/// <summary>
/// Transfers by the connected agent: its leg ends (<see cref="EndLegByTransfer"/>) and the interaction waits in a
/// queue, rings at a named agent (pending until it answers, with a fallback queue), or — for a consult — goes to the
/// target once it accepts (InteractionCase.Consults.cs). The grain asks queues and agents in between.
/// </summary>
public sealed partial class InteractionCase
{
    /// <summary>The refusal of a transfer by <paramref name="fromAgentId"/>: only the connected agent transfers, one
    /// transfer at a time.</summary>
    public InteractionRefusal? RefuseTransfer(string fromAgentId) =>
        RefuseUnlessHandledBy(fromAgentId, InteractionStatus.Connected, "transfer")
        ?? (state.Transfer?.Target is { } target
            ? new InteractionRefusal(InteractionRefusalKind.FailedPrecondition,
                $"interaction '{interactionId}' already has a consult with {target} in progress; cancel it first")
            : null);

    /// <summary>The refusal of <paramref name="agentId"/> calling off a consult: only the connected agent, only with a
    /// consult under way.</summary>
    public InteractionRefusal? RefuseConsultCancel(string agentId) =>
        RefuseUnlessHandledBy(agentId, InteractionStatus.Connected, "cancel a consult of")
        ?? (ConsultDeadline is null
            ? new InteractionRefusal(InteractionRefusalKind.FailedPrecondition, $"agent '{agentId}' has no consult in progress for interaction '{interactionId}'")
            : null);

    /// <summary>Connected → Queued in <paramref name="queueId"/>: blind to a queue. The agent's leg ends now (into its
    /// <paramref name="wrapUpTime"/>); the grain puts it in that queue's line and tells the agent.</summary>
    public InteractionTransition TransferToQueue(string fromAgentId, string queueId, TimeSpan wrapUpTime, DateTimeOffset now)
    {
        if (NotConnected() is { } refused)
        {
            return refused;
        }
        var ended = EndLegByTransfer(fromAgentId, wrapUpTime, now);
        Move(InteractionTrigger.TransferToQueue);
        state.AgentId = null;
        state.TransferredFromAgentId = fromAgentId;
        state.QueueId = queueId;
        return ended.Then(InteractionTransition.Accept(
            InteractionEffects.StartWatchdog,
            [Note(InteractionEventKind.Transferred, fromAgentId, $"to queue '{queueId}'")]));
    }

    /// <summary>Blind to a named agent: the agent's leg ends now. Reserved (<paramref name="reserved"/>: the agent's
    /// terms, see <see cref="NamedAgentTerms"/>): Connected → Offered to that agent alone until <paramref name="now"/> +
    /// its offer timeout, pending until it answers (an offer that ends falls back to <paramref name="fallbackQueueId"/>).
    /// Not reserved (null): Connected → Queued, and the grain sends it to the fallback queue (<see cref="FallBack"/>).</summary>
    public InteractionTransition TransferToAgent(
        string fromAgentId, string agentId, OfferRequest? reserved, string fallbackQueueId, TimeSpan wrapUpTime, DateTimeOffset now)
    {
        if (NotConnected() is { } refused)
        {
            return refused;
        }
        var ended = EndLegByTransfer(fromAgentId, wrapUpTime, now);
        state.TransferredFromAgentId = fromAgentId;
        var transferred = Note(InteractionEventKind.Transferred, fromAgentId, $"to agent '{agentId}'");
        if (reserved is null)
        {
            Move(InteractionTrigger.TransferToQueue);
            state.AgentId = null;
            return ended.Then(InteractionTransition.Accept(InteractionEffects.None, [transferred with { Status = state.Status }]));
        }
        Move(InteractionTrigger.TransferToAgent);
        state.AgentId = agentId;
        state.OfferAttempts++;
        state.OfferDeadline = now + reserved.OfferTimeout;
        state.Terms = reserved;
        state.Transfer = new PendingTransfer { FromAgentId = fromAgentId, AgentId = agentId, FallbackQueueId = fallbackQueueId, Deadline = state.OfferDeadline.Value };
        return ended.Then(InteractionTransition.Accept(
            InteractionEffects.RearmTimer,
            [transferred with { Status = state.Status }, Note(InteractionEventKind.Offered, agentId, $"transfer from agent '{fromAgentId}'")],
            transfer: state.Transfer));
    }

    /// <summary>The current queue's terms for an offer to the named agent <paramref name="agentId"/> (blind or consult),
    /// ringing for <paramref name="timeout"/>: the agent's own wrap-up time when it has one
    /// (<paramref name="agentWrapUp"/>), else the queue's (not the previous agent's own).</summary>
    public OfferRequest NamedAgentTerms(string agentId, TimeSpan timeout, TimeSpan? agentWrapUp) => state.Terms! with
    {
        AgentId = agentId,
        OfferTimeout = timeout,
        WrapUpTime = agentWrapUp ?? state.Terms.QueueWrapUpTime ?? state.Terms.WrapUpTime,
    };

    /// <summary>A named agent's transfer offer did not connect (<paramref name="detail"/> says why): the Queued
    /// interaction waits in <paramref name="queueId"/>.</summary>
    public InteractionTransition FallBack(string queueId, string detail)
    {
        if (state.Status != InteractionStatus.Queued)
        {
            return InteractionTransition.Refused(InteractionRefusalKind.FailedPrecondition, $"interaction '{interactionId}' is {state.Status}: only waiting work falls back to a queue");
        }
        state.QueueId = queueId;
        return InteractionTransition.Accept(
            InteractionEffects.StartWatchdog,
            [Note(InteractionEventKind.Queued, null, $"{detail}: to queue '{queueId}'")]);
    }

    /// <summary>The consult's target <paramref name="agentId"/> accepted (its agent grain confirmed it): the first
    /// agent's leg ends into its <paramref name="fromWrapUpTime"/>, and the target is connected on a new leg, from the
    /// consulted queue (<paramref name="consultQueueId"/>, which becomes its queue) or else <paramref name="currentQueueId"/>.
    /// The status stays Connected.</summary>
    public InteractionTransition ConnectConsultTarget(
        string fromAgentId, string agentId, string? consultQueueId, string currentQueueId, TimeSpan fromWrapUpTime, TimeSpan maxWrapUpExtension, DateTimeOffset now)
    {
        if (NotConnected() is { } refused)
        {
            return refused;
        }
        var ended = EndLegByTransfer(fromAgentId, fromWrapUpTime, now);
        state.QueueId = consultQueueId ?? state.QueueId;
        state.AgentId = agentId;
        var transferred = Note(InteractionEventKind.Transferred, fromAgentId, $"consult with agent '{agentId}' accepted");
        var started = StartLeg(agentId, consultQueueId ?? currentQueueId, maxWrapUpExtension, now);
        return ended
            .Then(InteractionTransition.Accept(InteractionEffects.Write, [transferred]))
            .Then(started)
            .Then(InteractionTransition.Accept(InteractionEffects.None, [Note(InteractionEventKind.Connected, agentId, null)]));
    }

    private InteractionTransition? NotConnected() => state.Status == InteractionStatus.Connected
        ? null
        : InteractionTransition.Refused(InteractionRefusalKind.FailedPrecondition, $"interaction '{interactionId}' is not in a conversation: it is {Describe()}");
}
