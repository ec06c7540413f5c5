using Routing.Abstractions;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Interactions;
using Routing.Abstractions.Queues;
using Routing.Core;
using Routing.Core.Lifecycle;

namespace Routing.Grains.Interactions;

/// <summary>
/// Transfers by the connected agent: blind to a queue, blind to a named agent (falling back to a queue), or
/// consult (the agent stays connected until the target accepts). Their rules and the pending transfer are
/// <see cref="InteractionCase"/>'s; like every orchestration here, these await only atomic methods of queues and
/// agents, so the call discipline (no cycles, no deadlock) holds.
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
                var moved = Case.TransferToAgent(fromAgentId, agentId, Case.NamedAgentTerms(agentId, timeout, agentWrapUp), fallbackQueueId, WrapUpTime, Now);
                Require(moved.Refusal);
                notice = TransferredNotice(moved);
                GrainLog.Transferred(_logger, Key, fromAgentId, notice.Detail);
                return NewOfferNotice(CurrentQueueId, State.OfferDeadline!.Value, consultFrom: null);
            },
            cannotTake: async () =>
            {
                var moved = Case.TransferToAgent(fromAgentId, agentId, reserved: null, fallbackQueueId, WrapUpTime, Now);
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
        StartConsult(Case.ConsultQueue(fromAgentId, queueId, timeout, Now));
        try
        {
            await GrainFactory.QueueRouting(_tenantId, queueId).Enqueue(EnqueueRequest() with { Arrival = State.Arrival, Transferred = true });
        }
        catch (RoutingException exception)
        {
            // The queue went away since it was checked.
            if (Case.ConsultTo(queueId) is not null)
            {
                await FailConsultAsync(Case.FailConsult(exception.Message), OfferOutcome.Withdrawn);
            }
        }
    }

    /// <summary>Consult a named agent: the agent stays connected while the target is offered it (when it cannot be
    /// reserved, the consult fails at once). The target holds a slot of its own, so the consult offer takes the
    /// same handshake as any other; only what each step changes here differs.</summary>
    private async Task ConsultAgentAsync(string fromAgentId, string agentId, TimeSpan timeout)
    {
        // The consult starts once the target answered, reserved or not: a refusal fails it at once.
        void Start() => StartConsult(Case.ConsultAgent(fromAgentId, agentId, timeout, Now));
        await NamedAgentHandshake(
            agentId,
            offer: agentWrapUp =>
            {
                Start();
                return OfferConsult(Case.NamedAgentTerms(agentId, timeout, agentWrapUp));
            },
            cannotTake: () =>
            {
                Start();
                return FailConsultAsync(Case.FailConsult($"agent '{agentId}' cannot take it now"), OfferOutcome.Withdrawn);
            },
            withdraw: () => FailConsultAsync(Case.FailConsult($"agent '{agentId}' logged out"), OfferOutcome.Withdrawn)).RunAsync();
    }

    /// <summary>Carries out at once what starting a consult asks (the timer watches its deadline, the event).</summary>
    private void StartConsult(InteractionTransition started)
    {
        Require(started.Refusal);
        Apply(started);
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

    /// <summary>The consult offer to <paramref name="terms"/>' agent: the interaction stays Connected to the first agent.
    /// Made in an atomic call, so the write is scheduled.</summary>
    private OfferNotice OfferConsult(OfferRequest terms)
    {
        var offered = Case.OfferConsult(terms);
        Require(offered.Refusal);
        Apply(offered);
        _writer.Schedule();
        var consult = offered.Transfer!;
        return NewOfferNotice(terms.QueueId, consult.Deadline, consultFrom: consult.FromAgentId);
    }

    /// <summary>The target took the consult: it is connected and the first agent's leg ends into wrap-up.</summary>
    private async Task AcceptConsultAsync(string agentId)
    {
        if (!await Agent(agentId).ConfirmConnected(_interactionId))
        {
            await FailConsultAsync(Case.FailConsult($"agent '{agentId}' no longer holds the consult offer"), OfferOutcome.Withdrawn);
            throw new RoutingException(RoutingError.FailedPrecondition, $"agent '{agentId}' no longer holds the consult offer of '{_interactionId}'");
        }
        var connected = Case.AcceptConsult(agentId, WrapUpTime, Now);
        Require(connected.Refusal);
        var from = connected.Transfer!.FromAgentId;
        var notice = TransferredNotice(connected);
        GrainLog.Transferred(_logger, Key, from, notice.Detail);
        if (connected.Has(InteractionEffects.RemoveAnswered))
        {
            // The consulted queue, which is its queue now.
            await Queue.Remove(_interactionId, QueueExit.Answered);
        }
        await Agent(from).TransferUpdate(notice);
        await _writer.WriteAsync();
    }

    /// <summary>The consult ended without the target (<paramref name="failed"/>): the interaction stays with the first
    /// agent, who is told.</summary>
    private async Task FailConsultAsync(InteractionTransition failed, OfferOutcome outcome)
    {
        await EndConsultAsync(failed, outcome);
        var detail = failed.Notes[0].Detail!;
        await Agent(failed.Transfer!.FromAgentId).TransferUpdate(new TransferNotice { InteractionId = _interactionId, Kind = TransferNoticeKind.ConsultFailed, Detail = detail });
        await _writer.WriteAsync();
    }

    /// <summary>Calls off a consult in progress, if any (the first agent cancelled or ended, or the customer hung up).</summary>
    private async Task CancelConsultAsync(string detail)
    {
        if (!Case.ConsultInProgress)
        {
            // Every end and completion asks: answered at once, without building the refusal's message.
            return;
        }
        var cancelled = Case.CancelConsult(detail);
        if (cancelled.Accepted)
        {
            await EndConsultAsync(cancelled, OfferOutcome.Rescinded);
        }
    }

    /// <summary>Takes back the consult offer (its agent told <paramref name="outcome"/>, its slot freed) and the consult's
    /// place in the target queue, as <paramref name="ended"/> decided.</summary>
    private async Task EndConsultAsync(InteractionTransition ended, OfferOutcome outcome)
    {
        Require(ended.Refusal);
        var consult = ended.Transfer!;
        GrainLog.ConsultEnded(_logger, Key, consult.FromAgentId, consult.Target, ended.Notes[0].Detail!);
        await CarryOutAsync(ended, outcome);
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
}
