using Routing.Abstractions;
using Routing.Abstractions.Interactions;
using Routing.Core;

namespace Routing.Grains.Interactions;

/// <summary>Offers: made atomically from Queued, ended by accept (InteractionGrain.cs), reject,
/// timeout (ring-no-answer), withdrawal or hang-up; and the one timer that watches the current deadline.</summary>
internal sealed partial class InteractionGrain
{
    public Task<OfferNotice?> Offer(OfferRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (State.Status != InteractionStatus.Queued)
        {
            return Task.FromResult<OfferNotice?>(null);
        }
        State.Status = InteractionStatus.Offered;
        StopWatchdog();
        State.AgentId = request.AgentId;
        State.Terms = request;
        State.OfferAttempts++;
        State.OfferDeadline = Now + request.OfferTimeout;
        ArmTimer(State.OfferDeadline.Value);
        AddEvent(InteractionEventKind.Offered, request.AgentId, $"attempt {State.OfferAttempts}");
        var spec = State.Spec!;
        var notice = new OfferNotice
        {
            InteractionId = _interactionId,
            QueueId = request.QueueId,
            Channel = spec.Channel,
            Priority = CurrentPriority,
            Deadline = State.OfferDeadline.Value,
            CustomerId = spec.CustomerId,
            CustomerNumber = spec.CustomerNumber,
            Attributes = spec.Attributes,
            Attempt = State.OfferAttempts,
        };
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

    public async Task<InteractionSnapshot> Reject(string agentId)
    {
        RequireOfferedTo(agentId, "reject");
        await EndOfferAsync(OfferOutcome.Rejected);
        return Snapshot();
    }

    public async Task<InteractionSnapshot> Withdraw(string agentId)
    {
        RoutingException.ThrowIfInvalidId("agent", agentId);
        if (State.Status == InteractionStatus.Offered && State.AgentId == agentId)
        {
            await EndOfferAsync(OfferOutcome.Withdrawn);
        }
        return Snapshot();
    }

    /// <summary>Offered → Queued: frees the agent's slot and puts the interaction back in its place in
    /// line. After a reject or timeout that agent is not offered it again for the re-offer delay.</summary>
    private async Task EndOfferAsync(OfferOutcome outcome)
    {
        var agentId = State.AgentId!;
        var terms = State.Terms!;
        CancelTimer();
        State.Status = InteractionStatus.Queued;
        StartWatchdog();
        State.AgentId = null;
        State.OfferDeadline = null;
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
        await Queue.ReturnToLine(EnqueueRequest(), agentId, excludeUntil);
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
            else if ((State.Status == InteractionStatus.Offered ? State.OfferDeadline : State.Status == InteractionStatus.WrapUp ? State.WrapUpDeadline : null) is { } early)
            {
                // A timer may fire a little before its deadline: wait for the rest.
                ArmTimer(early);
            }
        }
        catch (Exception exception)
        {
            GrainLog.TimerFailed(_logger, exception, Key);
        }
    }

    private void ArmTimer(DateTimeOffset deadline)
    {
        CancelTimer();
        var due = deadline - Now;
        _timer = this.RegisterGrainTimer(
            static (grain, _) => grain.OnDeadlineAsync(),
            this,
            new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    /// <summary>
    /// While waiting, the interaction re-asserts its place in line now and then. The queue's line is
    /// rebuilt from these when a call that moved the interaction failed midway, so a waiting
    /// interaction cannot be forgotten by its queue.
    /// </summary>
    private void StartWatchdog()
    {
        _watchdog ??= this.RegisterGrainTimer(
            static (grain, _) => grain.ReassertPlaceAsync(),
            this,
            new GrainTimerCreationOptions(_watchdogPeriod, _watchdogPeriod) { KeepAlive = true });
    }

    private void StopWatchdog()
    {
        _watchdog?.Dispose();
        _watchdog = null;
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

    private void CancelTimer()
    {
        _timer?.Dispose();
        _timer = null;
    }
}
