using Routing.Abstractions;
using Routing.Abstractions.Configuration;
using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;

namespace Routing.Grains.Interactions;

/// <summary>Offers: made atomically from Queued, ended by accept (InteractionGrain.cs), reject,
/// timeout (ring-no-answer), withdrawal or hang-up; and the one timer that watches the current deadline.</summary>
internal sealed partial class InteractionGrain
{
    public Task<OfferNotice?> Offer(OfferRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ConsultWaitingIn(request.QueueId) is { } consult && request.AgentId != consult.FromAgentId)
        {
            return Task.FromResult<OfferNotice?>(OfferConsult(consult, request));
        }
        if (State.Status != InteractionStatus.Queued)
        {
            return Task.FromResult<OfferNotice?>(null);
        }
        Move(InteractionTrigger.Offer);
        StopWatchdog();
        State.AgentId = request.AgentId;
        State.Terms = request;
        State.OfferAttempts++;
        State.OfferDeadline = Now + request.OfferTimeout;
        RearmTimer();
        AddEvent(InteractionEventKind.Offered, request.AgentId, $"attempt {State.OfferAttempts}");
        var notice = NewOfferNotice(request.QueueId, State.OfferDeadline.Value, consultFrom: null);
        if (!_durableState)
        {
            _writer.Schedule();
            return Task.FromResult<OfferNotice?>(notice);
        }
        // Durable: the offer is stored before the agent's phone rings, so a crash cannot bring back a
        // Queued copy of an interaction that is ringing somewhere (which could then ring twice).
        return OfferWrittenAsync(notice);
    }

    private async Task<OfferNotice?> OfferWrittenAsync(OfferNotice notice)
    {
        await _writer.WriteAsync();
        return notice;
    }

    /// <summary>The offer as the agent's app sees it; <paramref name="consultFrom"/> names the agent asking for a consult.</summary>
    private OfferNotice NewOfferNotice(string queueId, DateTimeOffset deadline, string? consultFrom)
    {
        var spec = State.Spec!;
        return new OfferNotice
        {
            InteractionId = _interactionId,
            QueueId = queueId,
            Channel = CurrentChannel,
            Priority = CurrentPriority,
            Deadline = deadline,
            CustomerId = spec.CustomerId,
            CustomerNumber = State.CallbackNumber ?? spec.CustomerNumber,
            Attributes = spec.Attributes,
            Attempt = State.OfferAttempts,
            TransferredFromAgentId = consultFrom ?? State.TransferredFromAgentId,
            Consult = consultFrom is not null,
        };
    }

    public async Task<InteractionSnapshot> Reject(string agentId)
    {
        if (ConsultOfferedTo(agentId) is not null)
        {
            await FailConsultAsync($"agent '{agentId}' rejected", OfferOutcome.Rejected);
            return Snapshot();
        }
        RequireOfferedTo(agentId, "reject");
        await EndOfferAsync(OfferOutcome.Rejected);
        return Snapshot();
    }

    public async Task<InteractionSnapshot> Withdraw(string agentId)
    {
        RoutingException.ThrowIfInvalidId("agent", agentId);
        if (ConsultOfferedTo(agentId) is not null)
        {
            await FailConsultAsync($"the offer to agent '{agentId}' was withdrawn", OfferOutcome.Withdrawn);
        }
        else if (State.Status == InteractionStatus.Offered && State.AgentId == agentId)
        {
            await EndOfferAsync(OfferOutcome.Withdrawn);
        }
        return Snapshot();
    }

    /// <summary>Offered → Queued: frees the agent's slot and puts the interaction back in its place in
    /// line. After a reject or timeout that agent is not offered it again for the re-offer delay. A named
    /// agent's transfer offer falls back to its fallback queue instead.</summary>
    private async Task EndOfferAsync(OfferOutcome outcome)
    {
        var agentId = State.AgentId!;
        var terms = State.Terms!;
        var transfer = State.Transfer;
        Move(InteractionTrigger.OfferEnded);
        StartWatchdog();
        State.AgentId = null;
        State.OfferDeadline = null;
        State.Transfer = null;
        var kind = outcome switch
        {
            OfferOutcome.Rejected => InteractionEventKind.OfferRejected,
            OfferOutcome.TimedOut => InteractionEventKind.OfferTimedOut,
            _ => InteractionEventKind.OfferRescinded,
        };
        AddEvent(kind, agentId, outcome == OfferOutcome.Withdrawn ? "withdrawn" : null);
        GrainLog.OfferEnded(_logger, Key, agentId, outcome);
        var excludeUntil = outcome is OfferOutcome.Rejected or OfferOutcome.TimedOut ? Now + terms.ReofferDelay : Now;
        await Agent(agentId).ReleaseOffer(_interactionId, outcome);
        if (transfer is { FallbackQueueId: { } fallback })
        {
            await FallBackAsync(fallback, $"the transfer to agent '{agentId}' fell back", excludeUntil > Now ? [new AgentExclusion(agentId, excludeUntil)] : []);
        }
        else
        {
            await Queue.ReturnToLine(EnqueueRequest(), agentId, excludeUntil);
        }
        await _writer.WriteAsync();
    }

    private async Task OnDeadlineAsync()
    {
        try
        {
            var now = Now;
            if (State.Status == InteractionStatus.Offered && State.OfferDeadline <= now)
            {
                await EndOfferAsync(OfferOutcome.TimedOut);
            }
            else if (State.Status == InteractionStatus.WrapUp && State.WrapUpDeadline <= now)
            {
                await CompleteAsync(null);
            }
            if (State.Transfer is { Consult: true } consult && consult.Deadline <= now)
            {
                await FailConsultAsync($"{consult.Target} did not accept in time", OfferOutcome.TimedOut);
            }
            if (State.Status == InteractionStatus.Queued && State.WaitDeadline <= now)
            {
                await OverflowAsync(State.WaitOverflow ?? OverflowAction.Disconnect, OverflowCause.MaxWait);
            }
            foreach (var leg in State.Legs.Where(l => l.IsWrappingUpAfterTransfer && l.WrapUpDeadline <= now).ToList())
            {
                await CompleteTransferredLegAsync(leg, null);
            }
            // A timer may fire a little before its deadline: wait for the rest.
            RearmTimer();
        }
        catch (Exception exception)
        {
            GrainLog.TimerFailed(_logger, exception, Key);
        }
    }

    private DateTimeOffset? NextDeadline()
    {
        var next = State.Status switch
        {
            InteractionStatus.Offered => State.OfferDeadline,
            InteractionStatus.WrapUp => State.WrapUpDeadline,
            InteractionStatus.Queued => State.WaitDeadline,
            _ => null,
        };
        if (State.Status == InteractionStatus.Queued && _reassertAt is { } reassert && (next is null || reassert < next))
        {
            next = reassert;
        }
        if (State.Transfer is { Consult: true } consult && (next is null || consult.Deadline < next))
        {
            next = consult.Deadline;
        }
        foreach (var leg in State.Legs)
        {
            if (leg.IsWrappingUpAfterTransfer && leg.WrapUpDeadline is { } end && (next is null || end < next))
            {
                next = end;
            }
        }
        return next;
    }

    private async Task ReassertPlaceAsync()
    {
        if (State.Status != InteractionStatus.Queued)
        {
            StopWatchdog();
            return;
        }
        try
        {
            await Queue.Enqueue(EnqueueRequest());
        }
        catch (Exception exception)
        {
            GrainLog.TimerFailed(_logger, exception, Key);
        }
    }
}
