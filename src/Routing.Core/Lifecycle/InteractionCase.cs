namespace Routing.Core.Lifecycle;

/// <summary>
/// An interaction's lifecycle: its status (changed only through <see cref="InteractionLifecycle.Next"/>), the ringing
/// offer, the talk and wrap-up of each agent's leg, and its deadlines. The grain asks a guard before it awaits
/// another grain and runs the transition after; a transition checks its own guard again (the grain may have
/// interleaved meanwhile), changes the stored state in place and returns the events and effects the grain carries
/// out. Refused, it changes nothing. It awaits nothing and reads no clock: "now" comes with each call.
/// <code>
/// transition          from              to         effects
/// Offer               Queued            Offered    StopWatchdog, RearmTimer, Write
/// Accept              Offered           Connected  RearmTimer, CustomerServed, RemoveAnswered, Write (a new leg)
/// RejectOffer         Offered           Queued     StartWatchdog, ReleaseOffer, ReturnToLine (excluded; a pending
///                                                  transfer's: to its fallback queue), Write
/// TimeOutOffer        Offered           Queued     as RejectOffer
/// WithdrawOffer       Offered           Queued     as RejectOffer, not excluded
/// RescindOffer        Offered           Offered    RearmTimer, ReleaseOffer (the customer hung up; Abandon follows)
/// Abandon             Queued|Offered    Abandoned  StopWatchdog, RemoveAbandoned, Write
/// EndTalk             Connected         WrapUp     (the leg's talk ends)
/// EndConversation     Connected         WrapUp     EndTalk, then BeginWrapUp, RearmTimer, Write — or Complete when
///                                                  there is no wrap-up time
/// Complete            WrapUp            Completed  RearmTimer, FinishAgent, ReportHandleTime, Write
/// ExtendWrapUp        WrapUp (or a transferred leg's wrap-up)  RearmTimer, Write
/// EndLegByTransfer    Connected         (kept)     RearmTimer, ReportHandleTime when no wrap-up
/// CompleteTransferredLeg (a transferred leg in wrap-up)        RearmTimer, FinishAgent, ReportHandleTime, Write
///
/// Create              None              Queued     (its queue is asked next)
/// RollBackCreate      Queued            None       (the queue did not take it: nothing was created)
/// StartWaitClock / StopWaitClock (the max wait)    RearmTimer
/// MoveByOverflow      Queued            (kept)     RemoveOverflowed (the queue left), Write
/// EndOverflowed       Queued            Overflowed StopWatchdog, RearmTimer, RemoveOverflowed, Write
/// RequestCallback     Queued (voice)    (kept)     ChangeToCallback, Write
/// Schedule            None              Scheduled  Write
/// JoinLineWhenDue     Scheduled         Queued     (its queue is asked next; then CallbackInLine or CallbackRefused)
/// CallbackRefused     Queued            Rejected   Write
/// CancelScheduled     Scheduled         Abandoned  Write
/// TransferToQueue     Connected         Queued     EndLegByTransfer, StartWatchdog
/// TransferToAgent     Connected         Offered    EndLegByTransfer, RearmTimer, pending (not reserved: Queued, then FallBack)
/// FallBack            Queued            (kept)     StartWatchdog
/// ConnectConsultTarget Connected        (kept)     EndLegByTransfer, CustomerServed, Write (a new leg)
///
/// ConsultQueue / ConsultAgent Connected (kept)     RearmTimer (the consult is pending until its deadline)
/// OfferConsult        Connected         (kept)     RearmTimer, Write (the consult offer rings at its target)
/// AcceptConsult       Connected         (kept)     ConnectConsultTarget, RemoveAnswered (a consulted queue)
/// FailConsult / TimeOutConsult / CancelConsult     RearmTimer, ReleaseOffer (an offer rang), RemoveMoved (a queue)
/// Reprioritise        Queued|Offered    (kept)     Reprioritise, Write (nothing when the priority is the same)
/// MoveBySupervisor    Queued            (kept)     Write (the grain has asked both queues)
/// </code>
/// Refusals keep the routing error kind and the message text the grain has always answered with.
/// </summary>
public sealed partial class InteractionCase(IInteractionCaseState state, string tenantId, string interactionId)
{
    /// <summary>The refusal of a request about an interaction that was never created.</summary>
    public InteractionRefusal? RefuseUnlessCreated() => state.Status == InteractionStatus.None
        ? new InteractionRefusal(InteractionRefusalKind.NotFound, $"interaction '{interactionId}' does not exist in tenant '{tenantId}'")
        : null;

    /// <summary>The refusal of <paramref name="agentId"/>'s <paramref name="action"/> unless it is the interaction's
    /// agent and the interaction is <paramref name="status"/>.</summary>
    public InteractionRefusal? RefuseUnlessHandledBy(string agentId, InteractionStatus status, string action)
    {
        if (EntityId.Problem("agent", agentId) is { } problem)
        {
            return new InteractionRefusal(InteractionRefusalKind.InvalidArgument, problem);
        }
        if (RefuseUnlessCreated() is { } missing)
        {
            return missing;
        }
        return state.Status != status || state.AgentId != agentId
            ? new InteractionRefusal(InteractionRefusalKind.FailedPrecondition,
                $"agent '{agentId}' cannot {action} interaction '{interactionId}': it is {Describe()}")
            : null;
    }

    /// <summary>True when this agent's command was already carried out (the interaction is past it with this
    /// agent): a command repeated after a lost answer succeeds again instead of failing.</summary>
    public bool AlreadyDoneBy(string agentId, params InteractionStatus[] statuses) =>
        state.AgentId == agentId && Array.IndexOf(statuses, state.Status) >= 0;

    /// <summary>None → Queued: created, it waits in line from <paramref name="now"/> (Queued before its queue is asked,
    /// so an offer made at once finds it waiting).</summary>
    public InteractionTransition Create(DateTimeOffset now)
    {
        if (state.Status != InteractionStatus.None)
        {
            return InteractionTransition.Refused(InteractionRefusalKind.FailedPrecondition, $"interaction '{interactionId}' is {state.Status}: it exists already");
        }
        Move(InteractionTrigger.JoinLine);
        state.Arrival = now;
        return InteractionTransition.Accept(InteractionEffects.None, [Note(InteractionEventKind.Queued, null, null)]);
    }

    /// <summary>Queued → None: its queue refused it (or did not answer in time), so nothing was created; a retry starts afresh.</summary>
    public InteractionTransition RollBackCreate()
    {
        if (state.Status != InteractionStatus.Queued)
        {
            return InteractionTransition.Refused(InteractionRefusalKind.FailedPrecondition, $"interaction '{interactionId}' is {state.Status}: only a creation waiting for its queue rolls back");
        }
        Move(InteractionTrigger.CreateRolledBack);
        return InteractionTransition.Accept(InteractionEffects.None);
    }

    /// <summary>Queued → Offered to <paramref name="agentId"/> until <paramref name="now"/> + <paramref name="offerTimeout"/>:
    /// only from Queued, so it is never offered to two agents at once.</summary>
    public InteractionTransition Offer(string agentId, TimeSpan offerTimeout, DateTimeOffset now)
    {
        if (state.Status != InteractionStatus.Queued)
        {
            return InteractionTransition.Refused(InteractionRefusalKind.FailedPrecondition, $"interaction '{interactionId}' is {state.Status}: only waiting work is offered");
        }
        Move(InteractionTrigger.Offer);
        state.AgentId = agentId;
        state.OfferAttempts++;
        state.OfferDeadline = now + offerTimeout;
        return InteractionTransition.Accept(
            InteractionEffects.StopWatchdog | InteractionEffects.RearmTimer | InteractionEffects.Write,
            [Note(InteractionEventKind.Offered, agentId, $"attempt {state.OfferAttempts}")],
            agentId);
    }

    /// <summary>Offered → Connected: <paramref name="agentId"/> took the offer (its agent grain confirmed it holds it);
    /// a new leg starts, taken from <paramref name="queueId"/> with that queue's <paramref name="maxWrapUpExtension"/>. A
    /// named agent's transfer offer is no longer pending, and no one transferred it to the agent who has it now.</summary>
    public InteractionTransition Accept(string agentId, string queueId, TimeSpan maxWrapUpExtension, DateTimeOffset now)
    {
        if (RefuseUnlessHandledBy(agentId, InteractionStatus.Offered, "accept") is { } refusal)
        {
            return InteractionTransition.Refused(refusal);
        }
        Move(InteractionTrigger.Accept);
        state.OfferDeadline = null;
        state.Transfer = null;
        state.TransferredFromAgentId = null;
        return StartLeg(agentId, queueId, maxWrapUpExtension, now).Then(InteractionTransition.Accept(
            InteractionEffects.RearmTimer | InteractionEffects.RemoveAnswered | InteractionEffects.Write,
            [Note(InteractionEventKind.Connected, agentId, null)],
            agentId));
    }

    /// <summary><paramref name="agentId"/> rejected the offer ringing at it: back in line, without that agent for
    /// <paramref name="reofferDelay"/>.</summary>
    public InteractionTransition RejectOffer(string agentId, DateTimeOffset now, TimeSpan reofferDelay) =>
        RefuseUnlessHandledBy(agentId, InteractionStatus.Offered, "reject") is { } refusal
            ? InteractionTransition.Refused(refusal)
            : EndOffer(InteractionEventKind.OfferRejected, null, now + reofferDelay);

    /// <summary>The offer rang unanswered until its deadline: back in line, without that agent for <paramref name="reofferDelay"/>.</summary>
    public InteractionTransition TimeOutOffer(DateTimeOffset now, TimeSpan reofferDelay) =>
        OfferRangOut(now) ? EndOffer(InteractionEventKind.OfferTimedOut, null, now + reofferDelay) : NotOffered();

    /// <summary>The offer was taken back (the agent logged out, or no longer holds it): back in line at once.</summary>
    public InteractionTransition WithdrawOffer(DateTimeOffset now) =>
        EndOffer(InteractionEventKind.OfferRescinded, "withdrawn", now);

    /// <summary>The ringing offer is due to ring out.</summary>
    public bool OfferRangOut(DateTimeOffset now) => state.Status == InteractionStatus.Offered && state.OfferDeadline <= now;

    /// <summary>Offered → Queued: the agent's slot is freed and the interaction goes back to its place in line — or, for
    /// a named agent's transfer offer, to the transfer's fallback queue (<see cref="InteractionTransition.Transfer"/>).</summary>
    private InteractionTransition EndOffer(InteractionEventKind kind, string? detail, DateTimeOffset excludeUntil)
    {
        if (state.Status != InteractionStatus.Offered)
        {
            return NotOffered();
        }
        var agentId = state.AgentId!;
        var transfer = state.Transfer;
        Move(InteractionTrigger.OfferEnded);
        state.AgentId = null;
        state.OfferDeadline = null;
        state.Transfer = null;
        return InteractionTransition.Accept(
            InteractionEffects.StartWatchdog | InteractionEffects.ReleaseOffer | InteractionEffects.ReturnToLine | InteractionEffects.Write,
            [Note(kind, agentId, detail)],
            agentId,
            excludeUntil: excludeUntil,
            transfer: transfer);
    }

    /// <summary>The customer hung up while the offer rang: the offer is taken back (the status stays Offered until
    /// <see cref="Abandon"/>, which follows once the agent is told).</summary>
    public InteractionTransition RescindOffer()
    {
        if (state.Status != InteractionStatus.Offered)
        {
            return NotOffered();
        }
        var agentId = state.AgentId!;
        state.OfferDeadline = null;
        return InteractionTransition.Accept(
            InteractionEffects.RearmTimer | InteractionEffects.ReleaseOffer,
            [Note(InteractionEventKind.OfferRescinded, agentId, "customer hung up")],
            agentId);
    }

    /// <summary>Queued (or Offered, its offer rescinded) → Abandoned: the customer left before an answer (a named agent's
    /// transfer offer that rang is no longer pending).</summary>
    public InteractionTransition Abandon()
    {
        if (state.Status is not (InteractionStatus.Queued or InteractionStatus.Offered))
        {
            return InteractionTransition.Refused(InteractionRefusalKind.FailedPrecondition, $"interaction '{interactionId}' is {state.Status}: only waiting or ringing work is abandoned");
        }
        Move(InteractionTrigger.Abandon);
        state.AgentId = null;
        state.Transfer = null;
        return InteractionTransition.Accept(
            InteractionEffects.StopWatchdog | InteractionEffects.RemoveAbandoned | InteractionEffects.Write,
            [Note(InteractionEventKind.Abandoned, null, "customer hung up")]);
    }

    /// <summary>The one place the status changes: only as the lifecycle's table allows (the guards above make sure it does).</summary>
    private void Move(InteractionTrigger trigger) => state.Status = InteractionLifecycle.Next(state.Status, trigger);

    private InteractionNote Note(InteractionEventKind kind, string? agentId, string? detail) => new(kind, state.Status, agentId, detail);

    private InteractionTransition NotOffered() =>
        InteractionTransition.Refused(InteractionRefusalKind.FailedPrecondition, $"interaction '{interactionId}' has no offer ringing: it is {Describe()}");

    /// <summary>"Connected with agent 'ann'", or just the status when no agent has it.</summary>
    private string Describe() => $"{state.Status}{(state.AgentId is null ? "" : $" with agent '{state.AgentId}'")}";
}
