namespace Routing.Core.Lifecycle;

/// <summary>
/// Consults: the interaction stays Connected to the first agent while the target — a queue's agent or a named agent —
/// is offered it, one consult offer at a time, never to the first agent. The pending consult (its target, deadline and
/// offer) is kept in <see cref="IInteractionCaseState.Transfer"/>; the grain reserves agents, asks queues and tells the
/// first agent in between.
/// </summary>
public sealed partial class InteractionCase
{
    /// <summary>The consult to <paramref name="queueId"/> under way (waiting there or offered from there), if any.</summary>
    public PendingTransfer? ConsultTo(string queueId) =>
        state.Transfer is { Consult: true } consult && consult.QueueId == queueId ? consult : null;

    /// <summary>The consult waiting in <paramref name="queueId"/> for an offer, if any.</summary>
    public PendingTransfer? ConsultWaitingIn(string queueId) =>
        state.Status == InteractionStatus.Connected && ConsultTo(queueId) is { OfferedToAgentId: null } consult ? consult : null;

    /// <summary>The consult whose offer rings at <paramref name="agentId"/>, if any.</summary>
    public PendingTransfer? ConsultOfferedTo(string agentId) =>
        state.Status == InteractionStatus.Connected && state.Transfer is { Consult: true } consult && consult.OfferedToAgentId == agentId
            ? consult
            : null;

    /// <summary>The consult under way is due to fail: its target did not accept in time.</summary>
    public bool ConsultRanOut(DateTimeOffset now) => ConsultDeadline <= now;

    /// <summary><paramref name="fromAgentId"/> consults <paramref name="queueId"/> until <paramref name="now"/> +
    /// <paramref name="timeout"/>: the grain puts it in that queue's line, whose consult offer <see cref="OfferConsult"/> makes.</summary>
    public InteractionTransition ConsultQueue(string fromAgentId, string queueId, TimeSpan timeout, DateTimeOffset now) =>
        StartConsult(new PendingTransfer { FromAgentId = fromAgentId, QueueId = queueId, Consult = true, Deadline = now + timeout });

    /// <summary><paramref name="fromAgentId"/> consults <paramref name="agentId"/> until <paramref name="now"/> +
    /// <paramref name="timeout"/>, once that agent answered its reservation: reserved, the grain makes the consult offer
    /// (<see cref="OfferConsult"/>); refused, the consult fails at once (<see cref="FailConsult"/>).</summary>
    public InteractionTransition ConsultAgent(string fromAgentId, string agentId, TimeSpan timeout, DateTimeOffset now) =>
        StartConsult(new PendingTransfer { FromAgentId = fromAgentId, AgentId = agentId, Consult = true, Deadline = now + timeout });

    /// <summary>The consult offer to <paramref name="terms"/>' agent, ringing until the consult's deadline: only while the
    /// consult waits for one, from its own queue (or to its named agent), never to the first agent. The status stays
    /// Connected.</summary>
    public InteractionTransition OfferConsult(OfferRequest terms)
    {
        if (state.Status != InteractionStatus.Connected
            || state.Transfer is not { Consult: true, OfferedToAgentId: null } consult
            || terms.AgentId == consult.FromAgentId
            || (consult.QueueId is { } queueId ? queueId != terms.QueueId : consult.AgentId != terms.AgentId))
        {
            return InteractionTransition.Refused(InteractionRefusalKind.FailedPrecondition,
                $"interaction '{interactionId}' has no consult waiting for an offer to agent '{terms.AgentId}': it is {Describe()}");
        }
        state.Transfer = consult with { OfferedToAgentId = terms.AgentId, OfferTerms = terms };
        return InteractionTransition.Accept(
            InteractionEffects.RearmTimer | InteractionEffects.Write,
            [Note(InteractionEventKind.Offered, terms.AgentId, $"consult from agent '{consult.FromAgentId}'")],
            terms.AgentId,
            transfer: state.Transfer);
    }

    /// <summary>The consult's target <paramref name="agentId"/> took the consult offer (its agent grain confirmed it): it
    /// takes over (<see cref="ConnectConsultTarget"/>) on the offer's terms, and the first agent's leg ends into its
    /// <paramref name="fromWrapUpTime"/>. A consulted queue is told it was answered.</summary>
    public InteractionTransition AcceptConsult(string agentId, TimeSpan fromWrapUpTime, DateTimeOffset now)
    {
        if (ConsultOfferedTo(agentId) is not { } consult)
        {
            return InteractionTransition.Refused(InteractionRefusalKind.FailedPrecondition,
                $"agent '{agentId}' holds no consult offer of interaction '{interactionId}'");
        }
        var connected = ConnectConsultTarget(
            consult.FromAgentId, agentId, consult.QueueId, CurrentQueueId, fromWrapUpTime, consult.OfferTerms?.MaxWrapUpExtension ?? TimeSpan.Zero, now);
        state.Transfer = null;
        state.Terms = consult.OfferTerms;
        return connected.Then(InteractionTransition.Accept(
            consult.QueueId is null ? InteractionEffects.None : InteractionEffects.RemoveAnswered,
            transfer: consult));
    }

    /// <summary>The consult ended without the target (<paramref name="detail"/> says why): the interaction stays with the
    /// first agent, whom the grain tells before it writes.</summary>
    public InteractionTransition FailConsult(string detail) => EndConsult(InteractionEventKind.ConsultFailed, detail);

    /// <summary>The consult's target did not accept by the consult's deadline: it fails.</summary>
    public InteractionTransition TimeOutConsult(DateTimeOffset now) => ConsultRanOut(now)
        ? FailConsult($"{state.Transfer!.Target} did not accept in time")
        : NoConsult();

    /// <summary>The consult is called off (<paramref name="detail"/>: by the first agent, by its end or completion, or by
    /// the customer hanging up); what the caller does next writes.</summary>
    public InteractionTransition CancelConsult(string detail) => EndConsult(InteractionEventKind.ConsultCancelled, detail);

    /// <summary>Whether a consult (warm transfer) is under way.</summary>
    public bool ConsultInProgress => state.Transfer is { Consult: true };

    /// <summary>When the consult under way must have been accepted by; null when none is.</summary>
    private DateTimeOffset? ConsultDeadline => state.Transfer is { Consult: true } consult ? consult.Deadline : null;

    private InteractionTransition StartConsult(PendingTransfer consult)
    {
        if (RefuseTransfer(consult.FromAgentId) is { } refusal)
        {
            return InteractionTransition.Refused(refusal);
        }
        state.Transfer = consult;
        return InteractionTransition.Accept(
            InteractionEffects.RearmTimer,
            [Note(InteractionEventKind.ConsultStarted, consult.FromAgentId, $"to {consult.Target}")],
            transfer: consult);
    }

    /// <summary>Ends the consult: the consult offer is taken back (its agent's slot freed) and the consult's place in the
    /// target queue, counted there as moved (neither answered nor abandoned).</summary>
    private InteractionTransition EndConsult(InteractionEventKind kind, string detail)
    {
        if (state.Transfer is not { Consult: true } consult)
        {
            return NoConsult();
        }
        state.Transfer = null;
        return InteractionTransition.Accept(
            InteractionEffects.RearmTimer
                | (consult.OfferedToAgentId is null ? InteractionEffects.None : InteractionEffects.ReleaseOffer)
                | (consult.QueueId is null ? InteractionEffects.None : InteractionEffects.RemoveMoved),
            [Note(kind, consult.OfferedToAgentId ?? consult.AgentId, detail)],
            consult.OfferedToAgentId,
            leftQueue: consult.QueueId,
            transfer: consult);
    }

    private InteractionTransition NoConsult() =>
        InteractionTransition.Refused(InteractionRefusalKind.FailedPrecondition, $"interaction '{interactionId}' has no consult in progress: it is {Describe()}");
}
