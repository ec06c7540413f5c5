using Routing.Abstractions;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Interactions;
using Routing.Abstractions.Queues;
using Routing.Core;
using Routing.Core.Lifecycle;

namespace Routing.Grains.Interactions;

/// <summary>
/// Transfers by the connected agent: blind to a queue, blind to a named agent (falling back to a queue), or
/// consult (the agent stays connected until the target accepts). Like every orchestration here, these await
/// only atomic methods of queues and agents, so the call discipline (no cycles, no deadlock) holds.
/// </summary>
internal sealed partial class InteractionGrain
{
    public async Task<InteractionSnapshot> Transfer(TransferRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RoutingException.ThrowIfProblems([.. request.Problems()], "transfer");
        Require(Case.RefuseTransfer(request.FromAgentId));
        var timeout = request.Timeout ?? TransferRequest.DefaultTimeout;
        if (request.QueueId is { } queueId)
        {
            await RequireQueueAsync(queueId);
            await (request.Consult ? ConsultQueueAsync(request.FromAgentId, queueId, timeout) : TransferToQueueAsync(request.FromAgentId, queueId));
        }
        else
        {
            var agentId = request.AgentId!;
            var fallback = request.FallbackQueueId ?? CurrentQueueId;
            if (!request.Consult)
            {
                await RequireQueueAsync(fallback);
            }
            await (request.Consult
                ? ConsultAgentAsync(request.FromAgentId, agentId, timeout)
                : TransferToAgentAsync(request.FromAgentId, agentId, fallback, timeout));
        }
        await _writer.WriteAsync();
        return Snapshot();
    }

    public async Task<InteractionSnapshot> CancelConsult(string agentId)
    {
        Require(Case.RefuseConsultCancel(agentId));
        await CancelConsultAsync($"cancelled by agent '{agentId}'");
        await _writer.WriteAsync();
        return Snapshot();
    }

    /// <summary>Blind to a queue: the agent's leg ends now and the interaction waits in the target queue (which
    /// keeps or resets its arrival, per its setting).</summary>
    private async Task TransferToQueueAsync(string fromAgentId, string queueId)
    {
        var moved = Case.TransferToQueue(fromAgentId, queueId, WrapUpTime, Now);
        Require(moved.Refusal);
        var notice = TransferredNotice(moved);
        GrainLog.Transferred(_logger, Key, fromAgentId, notice.Detail);
        await EnterLineAsync([]);
        await Agent(fromAgentId).TransferUpdate(notice);
    }

    /// <summary>Blind to a named agent: the agent's leg ends now; the target is offered it alone and, if it
    /// cannot take it, rejects it or does not answer, it falls back to <paramref name="fallbackQueueId"/>.</summary>
    private async Task TransferToAgentAsync(string fromAgentId, string agentId, string fallbackQueueId, TimeSpan timeout)
    {
        TransferNotice? notice = null;
        await NamedAgentHandshake(
            agentId,
            offer: agentWrapUp =>
            {
                var moved = Case.TransferToAgent(fromAgentId, agentId, reserved: true, timeout, WrapUpTime, Now);
                Require(moved.Refusal);
                State.Terms = NamedAgentTerms(agentId, timeout, agentWrapUp);
                State.Transfer = new PendingTransfer { FromAgentId = fromAgentId, AgentId = agentId, FallbackQueueId = fallbackQueueId, Deadline = State.OfferDeadline!.Value };
                notice = TransferredNotice(moved);
                GrainLog.Transferred(_logger, Key, fromAgentId, notice.Detail);
                return NewOfferNotice(CurrentQueueId, State.OfferDeadline.Value, consultFrom: null);
            },
            cannotTake: async () =>
            {
                var moved = Case.TransferToAgent(fromAgentId, agentId, reserved: false, timeout, WrapUpTime, Now);
                Require(moved.Refusal);
                notice = TransferredNotice(moved);
                GrainLog.Transferred(_logger, Key, fromAgentId, notice.Detail);
                await FallBackAsync(fallbackQueueId, $"agent '{agentId}' cannot take it now", []);
            },
            // The target logged out meanwhile: the offer ends withdrawn, which falls back.
            withdraw: () => EndOfferAsync(Case.WithdrawOffer(Now), OfferOutcome.Withdrawn)).RunAsync();
        // Either way the transferring agent's leg has ended.
        await Agent(fromAgentId).TransferUpdate(notice!);
    }

    /// <summary>Consult a queue: the agent stays connected while the interaction waits in the target queue for a
    /// consult offer (the queue routes it as any other work, but the interaction stays Connected).</summary>
    private async Task ConsultQueueAsync(string fromAgentId, string queueId, TimeSpan timeout)
    {
        State.Transfer = new PendingTransfer { FromAgentId = fromAgentId, QueueId = queueId, Consult = true, Deadline = Now + timeout };
        RearmTimer();
        AddEvent(InteractionEventKind.ConsultStarted, fromAgentId, $"to queue '{queueId}'");
        try
        {
            await GrainFactory.QueueRouting(_tenantId, queueId).Enqueue(EnqueueRequest() with { Arrival = State.Arrival, Transferred = true });
        }
        catch (RoutingException exception)
        {
            // The queue went away since it was checked.
            if (State.Transfer?.QueueId == queueId)
            {
                await FailConsultAsync(exception.Message, OfferOutcome.Withdrawn);
            }
        }
    }

    /// <summary>Consult a named agent: the agent stays connected while the target is offered it (when it cannot be
    /// reserved, the consult fails at once). The target holds a slot of its own, so the consult offer takes the
    /// same handshake as any other; only what each step changes here differs.</summary>
    private async Task ConsultAgentAsync(string fromAgentId, string agentId, TimeSpan timeout)
    {
        // The consult starts once the target answered, reserved or not: a refusal fails it at once.
        PendingTransfer Start()
        {
            State.Transfer = new PendingTransfer { FromAgentId = fromAgentId, AgentId = agentId, Consult = true, Deadline = Now + timeout };
            AddEvent(InteractionEventKind.ConsultStarted, fromAgentId, $"to agent '{agentId}'");
            return State.Transfer;
        }
        await NamedAgentHandshake(
            agentId,
            offer: agentWrapUp => OfferConsult(Start(), NamedAgentTerms(agentId, timeout, agentWrapUp)),
            cannotTake: () =>
            {
                Start();
                return FailConsultAsync($"agent '{agentId}' cannot take it now", OfferOutcome.Withdrawn);
            },
            withdraw: () => FailConsultAsync($"agent '{agentId}' logged out", OfferOutcome.Withdrawn)).RunAsync();
    }

    /// <summary>
    /// The offer handshake with a named agent, for a blind transfer or a consult: the interaction reserves the agent
    /// (<c>Direct</c>: it need not serve the queue), makes the offer itself (<paramref name="offer"/>, given the agent's
    /// own wrap-up time from the reservation) and confirms it to the agent. <paramref name="cannotTake"/> follows a
    /// refused reservation, <paramref name="withdraw"/> a refused confirmation.
    /// The offer is the interaction's own, made from Connected, which the transfer's guard checked and nothing that
    /// interleaves changes, so it is never refused (nothing to drop). A call that fails fails the agent's command with
    /// no roll-back: nothing changed before the reservation answers, and an offer whose confirmation was lost ends by
    /// its own deadline.
    /// </summary>
    private OfferHandshake NamedAgentHandshake(string agentId, Func<TimeSpan?, OfferNotice> offer, Func<Task> cannotTake, Func<Task> withdraw)
    {
        var target = Agent(agentId);
        TimeSpan? agentWrapUp = null;
        return new OfferHandshake
        {
            Reserve = async () =>
            {
                // Reserving the named agent is the last check (NotFound for an unknown agent changes nothing).
                var reservation = await target.TryReserve(new ReservationRequest(_interactionId, CurrentQueueId, CurrentChannel, Direct: true));
                agentWrapUp = reservation.Availability.WrapUpTime;
                return reservation.Reserved;
            },
            Offer = () => Task.FromResult<OfferNotice?>(offer(agentWrapUp)),
            Confirm = target.ConfirmOffer,
            GiveBack = cannotTake,
            Release = () => target.ReleaseOffer(_interactionId, OfferOutcome.Withdrawn),
            Drop = OfferHandshake.Nothing,
            Withdraw = withdraw,
            RollBackFailures = false,
        };
    }

    /// <summary>The current queue's terms for an offer to a named agent: its own wrap-up time when it has one,
    /// else the queue's (not the previous agent's own).</summary>
    private OfferRequest NamedAgentTerms(string agentId, TimeSpan timeout, TimeSpan? agentWrapUp) => State.Terms! with
    {
        AgentId = agentId,
        OfferTimeout = timeout,
        WrapUpTime = agentWrapUp ?? State.Terms.QueueWrapUpTime ?? State.Terms.WrapUpTime,
    };

    /// <summary>The consult offer to <paramref name="terms"/>' agent: the interaction stays Connected to the first agent.</summary>
    private OfferNotice OfferConsult(PendingTransfer consult, OfferRequest terms)
    {
        State.Transfer = consult with { OfferedToAgentId = terms.AgentId, OfferTerms = terms };
        RearmTimer();
        AddEvent(InteractionEventKind.Offered, terms.AgentId, $"consult from agent '{consult.FromAgentId}'");
        _writer.Schedule();
        return NewOfferNotice(terms.QueueId, consult.Deadline, consultFrom: consult.FromAgentId);
    }

    /// <summary>The target took the consult: it is connected and the first agent's leg ends into wrap-up.</summary>
    private async Task AcceptConsultAsync(PendingTransfer consult)
    {
        var agentId = consult.OfferedToAgentId!;
        if (!await Agent(agentId).ConfirmConnected(_interactionId))
        {
            await FailConsultAsync($"agent '{agentId}' no longer holds the consult offer", OfferOutcome.Withdrawn);
            throw new RoutingException(RoutingError.FailedPrecondition, $"agent '{agentId}' no longer holds the consult offer of '{_interactionId}'");
        }
        var connected = Case.ConnectConsultTarget(
            consult.FromAgentId, agentId, consult.QueueId, CurrentQueueId, WrapUpTime, consult.OfferTerms?.MaxWrapUpExtension ?? TimeSpan.Zero, Now);
        Require(connected.Refusal);
        State.Transfer = null;
        State.Terms = consult.OfferTerms;
        var notice = TransferredNotice(connected);
        GrainLog.Transferred(_logger, Key, consult.FromAgentId, notice.Detail);
        if (consult.QueueId is { } queueId)
        {
            await GrainFactory.QueueRouting(_tenantId, queueId).Remove(_interactionId, QueueExit.Answered);
        }
        await Agent(consult.FromAgentId).TransferUpdate(notice);
        await _writer.WriteAsync();
    }

    /// <summary>The consult ended without the target: the interaction stays with the first agent, who is told.</summary>
    private async Task FailConsultAsync(string detail, OfferOutcome outcome)
    {
        var from = State.Transfer!.FromAgentId;
        await EndConsultAsync(InteractionEventKind.ConsultFailed, detail, outcome);
        await Agent(from).TransferUpdate(new TransferNotice { InteractionId = _interactionId, Kind = TransferNoticeKind.ConsultFailed, Detail = detail });
        await _writer.WriteAsync();
    }

    /// <summary>Calls off a consult in progress, if any (the first agent cancelled or ended, or the customer hung up).</summary>
    private async Task CancelConsultAsync(string detail)
    {
        if (State.Transfer is { Consult: true })
        {
            await EndConsultAsync(InteractionEventKind.ConsultCancelled, detail, OfferOutcome.Rescinded);
        }
    }

    /// <summary>Takes back the consult offer (freeing the target's slot) and the consult's place in the target queue.</summary>
    private async Task EndConsultAsync(InteractionEventKind kind, string detail, OfferOutcome outcome)
    {
        var consult = State.Transfer!;
        State.Transfer = null;
        RearmTimer();
        AddEvent(kind, consult.OfferedToAgentId ?? consult.AgentId, detail);
        GrainLog.ConsultEnded(_logger, Key, consult.FromAgentId, consult.Target, detail);
        if (consult.OfferedToAgentId is { } offeredTo)
        {
            await Agent(offeredTo).ReleaseOffer(_interactionId, outcome);
        }
        if (consult.QueueId is { } queueId)
        {
            // Counted as having left that queue for another action (overflowed), neither answered nor abandoned.
            await GrainFactory.QueueRouting(_tenantId, queueId).Remove(_interactionId, QueueExit.Moved);
        }
    }

    /// <summary>A named agent's transfer offer did not connect: the interaction waits in <paramref name="queueId"/>.</summary>
    private async Task FallBackAsync(string queueId, string detail, AgentExclusion[] exclusions)
    {
        var fellBack = Case.FallBack(queueId, detail);
        Require(fellBack.Refusal);
        Apply(fellBack);
        await EnterLineAsync(exclusions);
    }

    /// <summary>Puts the (Queued) interaction in line at its current queue as a transfer-in; the queue answers
    /// with its arrival there (kept or reset).</summary>
    private async Task EnterLineAsync(AgentExclusion[] exclusions)
    {
        StartWatchdog();
        JoinedLine(await Queue.Enqueue(EnqueueRequest() with { Arrival = State.Arrival, Transferred = true, Exclusions = exclusions }));
    }

    private async Task RequireQueueAsync(string queueId)
    {
        if (!await GrainFactory.QueueRouting(_tenantId, queueId).IsConfigured())
        {
            throw new RoutingException(RoutingError.NotFound, $"queue '{queueId}' does not exist in tenant '{_tenantId}'");
        }
    }

    /// <summary>The consult waiting in <paramref name="queueId"/> for an offer, if any.</summary>
    private PendingTransfer? ConsultWaitingIn(string queueId) =>
        State.Status == InteractionStatus.Connected && State.Transfer is { Consult: true, OfferedToAgentId: null } consult && consult.QueueId == queueId
            ? consult
            : null;

    /// <summary>The consult whose offer rings at <paramref name="agentId"/>, if any.</summary>
    private PendingTransfer? ConsultOfferedTo(string agentId) =>
        State.Status == InteractionStatus.Connected && State.Transfer is { Consult: true } consult && consult.OfferedToAgentId == agentId
            ? consult
            : null;
}
