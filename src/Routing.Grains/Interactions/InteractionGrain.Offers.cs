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
        if (Case.ConsultWaitingIn(request.QueueId) is { } consult && request.AgentId != consult.FromAgentId)
        {
            return Task.FromResult<OfferNotice?>(OfferConsult(request));
        }
        var offered = Case.Offer(request.AgentId, request.OfferTimeout, Now);
        if (!offered.Accepted)
        {
            return Task.FromResult<OfferNotice?>(null);
        }
        State.Terms = request;
        // Everything but the write at once; the write is scheduled or (durable) awaited before answering.
        Apply(offered);
        var notice = NewOfferNotice(request.QueueId, State.OfferDeadline!.Value, consultFrom: null);
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
        if (Case.ConsultOfferedTo(agentId) is not null)
        {
            await FailConsultAsync(Case.FailConsult($"agent '{agentId}' rejected"), OfferOutcome.Rejected);
            return Snapshot();
        }
        var rejected = Case.RejectOffer(agentId, Now, State.Terms?.ReofferDelay ?? TimeSpan.Zero);
        Require(rejected.Refusal);
        await EndOfferAsync(rejected, OfferOutcome.Rejected);
        return Snapshot();
    }

    public async Task<InteractionSnapshot> Withdraw(string agentId)
    {
        RoutingException.ThrowIfInvalidId("agent", agentId);
        if (Case.ConsultOfferedTo(agentId) is not null)
        {
            await FailConsultAsync(Case.FailConsult($"the offer to agent '{agentId}' was withdrawn"), OfferOutcome.Withdrawn);
        }
        else if (State.Status == InteractionStatus.Offered && State.AgentId == agentId)
        {
            await EndOfferAsync(Case.WithdrawOffer(Now), OfferOutcome.Withdrawn);
        }
        return Snapshot();
    }

    /// <summary>Offered → Queued as <paramref name="ended"/> decided: frees the agent's slot and puts the interaction
    /// back in its place in line (without that agent for the re-offer delay after a reject or timeout). A named
    /// agent's transfer offer falls back to its fallback queue instead.</summary>
    private async Task EndOfferAsync(InteractionTransition ended, OfferOutcome outcome)
    {
        Require(ended.Refusal);
        GrainLog.OfferEnded(_logger, Key, ended.Agent!, outcome);
        await CarryOutAsync(ended, outcome);
    }

    private async Task OnDeadlineAsync()
    {
        try
        {
            var now = Now;
            if (Case.OfferRangOut(now))
            {
                await EndOfferAsync(Case.TimeOutOffer(now, State.Terms!.ReofferDelay), OfferOutcome.TimedOut);
            }
            else if (Case.WrapUpElapsed(now))
            {
                await CompleteAsync(Case.Complete(null, Now), null);
            }
            if (Case.ConsultRanOut(now))
            {
                await FailConsultAsync(Case.TimeOutConsult(now), OfferOutcome.TimedOut);
            }
            if (Case.WaitElapsed(now))
            {
                await OverflowAsync(State.WaitOverflow ?? OverflowAction.Disconnect, OverflowCause.MaxWait);
            }
            foreach (var leg in Case.TransferredLegsDue(now))
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

    /// <summary>The nearest deadline; once none is left, when a finished activation leaves memory.</summary>
    private DateTimeOffset? NextDeadline() => Case.NextDeadline(_reassertAt) ?? _leaveAt;

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
