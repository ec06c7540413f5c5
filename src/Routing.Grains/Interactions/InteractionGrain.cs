using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;
using Routing.Abstractions;
using Routing.Abstractions.Interactions;
using Routing.Abstractions.Protocol;
using Routing.Abstractions.Queues;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.Grains.History;

namespace Routing.Grains.Interactions;

/// <summary>
/// One contact's lifecycle. The status here is the final word: an offer is made only from Queued
/// (in the atomic <see cref="Offer"/>), so an interaction is never offered to two agents at once, and
/// every transition to a final state happens once. The rules (guards, status, legs, deadlines, events) are
/// <see cref="InteractionCase"/>'s; the grain asks its guards before awaiting another grain, runs its transitions
/// after, and carries out the effects they return (<see cref="CarryOutAsync"/>). Offer endings are in
/// InteractionGrain.Offers.cs, transfers in InteractionGrain.Transfers.cs and each agent's part (leg) in
/// InteractionGrain.Legs.cs.
/// </summary>
internal sealed partial class InteractionGrain : Grain, IInteractionGrain, IInteractionRouting, IRemindable
{
    private readonly IPersistentState<InteractionState> _state;
    private readonly TimeProvider _time;
    private readonly ILogger<InteractionGrain> _logger;
    private readonly ObserverManager<IInteractionObserver> _observers;
    private readonly StateWriter<InteractionState> _writer;
    private readonly string _tenantId;
    private readonly string _interactionId;
    private readonly TimeSpan _watchdogPeriod;
    private readonly TimeSpan _finishedLinger;
    /// <summary>While Create runs, events wait here so observers never hear of an interaction that
    /// was refused, and hear "queued" before an offer made while Create is still finishing.</summary>
    private List<InteractionEvent>? _heldEvents;
    /// <summary>Whether Create runs: until it records the interaction the status is still None, and an interleaved
    /// GetSnapshot then must not take that for an unknown id.</summary>
    private bool _creating;

    public InteractionGrain(
        [PersistentState("interaction", RoutingSiloBuilderExtensions.StorageName)] IPersistentState<InteractionState> state,
        TimeProvider time,
        IOptions<RoutingGrainOptions> options,
        GrainHistory history,
        ILogger<InteractionGrain> logger)
    {
        _state = state;
        _history = new HistoryCursor(history);
        _watchdogPeriod = options.Value.WatchdogPeriod;
        _finishedLinger = options.Value.FinishedLinger;
        _durableState = options.Value.DurableState;
        _reminderPeriod = options.Value.RecoveryReminderPeriod;
        _finishedStateRetention = options.Value.FinishedStateRetention;
        _time = time;
        _logger = logger;
        _observers = new ObserverManager<IInteractionObserver>(ObserverLease.Duration, logger);
        (_tenantId, _interactionId) = GrainKeys.Parse(this.GetPrimaryKeyString());
        _writer = new StateWriter<InteractionState>(state, logger, this.GetPrimaryKeyString(), onConflict: this.DeactivateOnIdle, deferToDeactivation: !_durableState);
    }

    private InteractionState State => _state.State;

    private DateTimeOffset Now => _time.GetUtcNow();

    private string Key => this.GetPrimaryKeyString();

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        RecordHistory();
        return _writer.FlushAsync(reason);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Whatever the store has not confirmed (refused, or lost with the silo that queued it) is recorded again.
        RecordHistory();
        // Deadlines survive in state (offer, wrap-up, consult, transferred legs' wrap-ups); timers do not
        // survive the activation, so re-arm them.
        RearmTimer();
        if (State.Status == InteractionStatus.Queued)
        {
            StartWatchdog();
        }
        LeaveOnceFinished();
        return Task.CompletedTask;
    }

    public async Task<InteractionSnapshot> Create(InteractionSpec spec)
    {
        _creating = true;
        try
        {
            return await CreateAsync(spec);
        }
        finally
        {
            _creating = false;
        }
    }

    private async Task<InteractionSnapshot> CreateAsync(InteractionSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        RoutingException.ThrowIfProblems([.. spec.Problems()], "interaction");
        if (State.Status != InteractionStatus.None)
        {
            if (!SameSpec(State.Spec!, spec))
            {
                throw new RoutingException(RoutingError.AlreadyExists, $"interaction '{_interactionId}' already exists with different content");
            }
            // A repeat of a create whose answer was lost, or that failed after the queue took it (a write or
            // the reminder failed): finish what the first attempt promised before acknowledging.
            await _writer.WriteAsync();
            await HoldRecoveryReminderAsync();
            return Snapshot();
        }
        // Looked up before anything changes (the customer's grain is atomic: a read that awaits nothing).
        var lastService = await LastServiceAsync(spec);
        if (spec.ScheduledFor is { } due && due > Now)
        {
            State.LastService = lastService;
            return await ScheduleAsync(spec, due);
        }
        // Queued before the queue is asked, so an offer arriving at once finds it waiting.
        State.Spec = spec;
        var created = Case.Create(Now);
        Require(created.Refusal);
        State.LastService = lastService;
        _heldEvents = [];
        Apply(created);
        EnqueueReceipt receipt;
        try
        {
            receipt = await Queue.Enqueue(EnqueueRequest() with { Reason = EnqueueReason.New });
        }
        catch
        {
            if (Case.RollBackCreate().Refusal is null)
            {
                // Refused, or no answer in time (the queue may still take it: an offer of an interaction that does
                // not exist is refused, so that entry goes away). Nothing was created; a retry starts afresh.
                _heldEvents = null;
                State.Spec = null;
                State.LastService = null;
                State.Events.Clear();
            }
            else
            {
                // The queue took it after all and offered it while its answer was lost (a storage outage): it exists
                // and rings. The caller hears of the failure; its retry (same id and content) is answered as a repeat,
                // which writes it and holds its reminder.
                var shown = _heldEvents;
                _heldEvents = null;
                shown?.ForEach(Publish);
                RecordHistory();
            }
            throw;
        }
        var held = _heldEvents;
        _heldEvents = null;
        if (State.Status == InteractionStatus.Queued)
        {
            StartWatchdog();
        }
        held.ForEach(Publish);
        RecordHistory();
        // Writes the state (as it stands after any overflow on arrival).
        await ApplyAdmissionAsync(receipt);
        await HoldRecoveryReminderAsync();
        return Snapshot();
    }

    public Task<InteractionSnapshot> GetSnapshot()
    {
        ForgetIfUnknown();
        return Task.FromResult(Snapshot());
    }

    public async Task<InteractionSnapshot> Accept(string agentId)
    {
        if (Case.ConsultOfferedTo(agentId) is not null)
        {
            await AcceptConsultAsync(agentId);
            return Snapshot();
        }
        if (AlreadyDoneBy(agentId, InteractionStatus.Connected, InteractionStatus.WrapUp, InteractionStatus.Completed))
        {
            await _writer.StoredAsync();
            return Snapshot();
        }
        RequireOfferedTo(agentId, "accept");
        if (!await Agent(agentId).ConfirmConnected(_interactionId))
        {
            await EndOfferAsync(Case.WithdrawOffer(Now), OfferOutcome.Withdrawn);
            throw new RoutingException(RoutingError.FailedPrecondition, $"agent '{agentId}' no longer holds the offer of '{_interactionId}'");
        }
        var accepted = Case.Accept(agentId, CurrentQueueId, State.Terms?.MaxWrapUpExtension ?? TimeSpan.Zero, Now);
        Require(accepted.Refusal);
        GrainLog.Connected(_logger, Key, agentId, (Now - State.Arrival).TotalSeconds);
        await CarryOutAsync(accepted);
        return Snapshot();
    }

    public async Task<InteractionSnapshot> Hangup()
    {
        RequireCreated();
        if (await CallbackHangupAsync())
        {
            return Snapshot();
        }
        return await CustomerLeftAsync();
    }

    /// <summary>The customer is gone: waiting or ringing work is abandoned, a conversation ends.</summary>
    private async Task<InteractionSnapshot> CustomerLeftAsync()
    {
        switch (State.Status)
        {
            case InteractionStatus.Queued:
                await AbandonAsync();
                break;
            case InteractionStatus.Offered:
                var rescinded = Case.RescindOffer();
                GrainLog.OfferEnded(_logger, Key, rescinded.Agent!, OfferOutcome.Rescinded);
                await CarryOutAsync(rescinded, OfferOutcome.Rescinded);
                await AbandonAsync();
                break;
            case InteractionStatus.Connected:
                await CancelConsultAsync("customer hung up");
                await EndConversationAsync("customer hung up");
                break;
            default:
                // Already in wrap-up or final: the hang-up changes nothing.
                break;
        }
        return Snapshot();
    }

    public async Task<InteractionSnapshot> End(string agentId)
    {
        if (AlreadyDoneBy(agentId, InteractionStatus.WrapUp, InteractionStatus.Completed))
        {
            await _writer.StoredAsync();
            return Snapshot();
        }
        RequireHandledBy(agentId, InteractionStatus.Connected, "end");
        await CancelConsultAsync("agent ended the conversation");
        await EndConversationAsync("agent ended");
        return Snapshot();
    }

    public async Task<InteractionSnapshot> Complete(string agentId, Disposition disposition)
    {
        ArgumentNullException.ThrowIfNull(disposition);
        if (disposition.Problem() is { } problem)
        {
            throw new RoutingException(RoutingError.InvalidArgument, problem);
        }
        if (Case.TransferredLegOf(agentId) is { } leg && !(State.AgentId == agentId && State.Status is InteractionStatus.Connected or InteractionStatus.WrapUp))
        {
            await CompleteTransferredLegAsync(leg, disposition);
            return Snapshot();
        }
        if (AlreadyDoneBy(agentId, InteractionStatus.Completed))
        {
            await _writer.StoredAsync();
            return Snapshot();
        }
        if (State.Status == InteractionStatus.Connected)
        {
            RequireHandledBy(agentId, InteractionStatus.Connected, "complete");
            await CancelConsultAsync("agent completed the interaction");
            var ended = Case.EndTalk("agent ended", Now);
            Require(ended.Refusal);
            await CompleteAsync(ended.Then(Case.Complete(disposition, Now)), disposition);
        }
        else
        {
            RequireHandledBy(agentId, InteractionStatus.WrapUp, "complete");
            await CompleteAsync(Case.Complete(disposition, Now), disposition);
        }
        return Snapshot();
    }

    public Task Subscribe(IInteractionObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IInteractionObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task<InteractionSnapshot> CreateFollowed(InteractionSpec spec, IInteractionObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        // Subscribed before the create changes anything, so the observer misses none of its events.
        _observers.Subscribe(observer, observer);
        try
        {
            return await Create(spec);
        }
        catch
        {
            // Nothing was created: nothing to follow. A repeat refused for an interaction that exists keeps the
            // observer, which may have been following it before this call.
            if (State.Status == InteractionStatus.None)
            {
                _observers.Unsubscribe(observer);
            }
            throw;
        }
    }

    public Task<InteractionSnapshot> Follow(IInteractionObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (State.Status == InteractionStatus.None)
        {
            ForgetIfUnknown();
        }
        else
        {
            _observers.Subscribe(observer, observer);
        }
        return Task.FromResult(Snapshot());
    }

    private async Task AbandonAsync()
    {
        var abandoned = Case.Abandon();
        Require(abandoned.Refusal);
        GrainLog.Abandoned(_logger, Key, (Now - State.Arrival).TotalSeconds);
        await CarryOutAsync(abandoned);
    }

    /// <summary>Connected → WrapUp for the queue's wrap-up time (completing at once when it is zero).</summary>
    private async Task EndConversationAsync(string detail)
    {
        var ended = Case.EndConversation(detail, WrapUpTime, Now);
        Require(ended.Refusal);
        if (State.Status == InteractionStatus.Completed)
        {
            GrainLog.Completed(_logger, Key, ended.Agent!, NoDisposition);
        }
        await CarryOutAsync(ended);
    }

    /// <summary>After-call work time of the current agent: that of the queue that offered it.</summary>
    private TimeSpan WrapUpTime => State.Terms?.WrapUpTime ?? TimeSpan.Zero;

    private const string NoDisposition = "(none: wrap-up time elapsed)";

    /// <summary>Carries out a completion (<see cref="InteractionCase.Complete"/>, possibly after the end of the talk).</summary>
    private async Task CompleteAsync(InteractionTransition completed, Disposition? disposition)
    {
        Require(completed.Refusal);
        GrainLog.Completed(_logger, Key, completed.Agent!, disposition?.Code ?? NoDisposition);
        await CarryOutAsync(completed);
    }

    /// <summary>The interaction's rules, working on its stored state in place: one per state object (the case keeps
    /// nothing of its own, and Orleans replaces the object only when it reads the state).</summary>
    private InteractionCase Case => _case is { } known && ReferenceEquals(_caseState, State) ? known : NewCase();

    private InteractionCase? _case;
    private InteractionState? _caseState;

    private InteractionCase NewCase()
    {
        _caseState = State;
        return _case = new InteractionCase(State, _tenantId, _interactionId);
    }

    /// <summary>Carries out what a transition asks, in a fixed order: the watchdog, the timer and the events at once,
    /// then the agent, the queue, the handle time (one-way) and the write. <paramref name="outcome"/> is what a
    /// released offer's agent is told; a named agent's transfer offer that ends falls back to its fallback queue
    /// (the transition's <see cref="InteractionTransition.Transfer"/>) instead of returning to the line.
    /// <paramref name="overflow"/> goes on an Overflowed event.</summary>
    private async Task CarryOutAsync(InteractionTransition transition, OfferOutcome outcome = OfferOutcome.Withdrawn, OverflowNotice? overflow = null)
    {
        Apply(transition, overflow);
        if (transition.Has(InteractionEffects.Write))
        {
            // Applied in memory now: if a call below fails, a repeat of the command finds the change made, and it must
            // still reach the store (StoredAsync, or the flush at deactivation).
            _writer.MarkChanged();
        }
        var agent = transition.Agent;
        if (transition.Has(InteractionEffects.ReleaseOffer))
        {
            await Agent(agent!).ReleaseOffer(_interactionId, outcome);
        }
        if (transition.Has(InteractionEffects.BeginWrapUp))
        {
            await Agent(agent!).BeginWrapUp(_interactionId, transition.WrapUpDeadline!.Value);
        }
        if (transition.Has(InteractionEffects.FinishAgent))
        {
            await Agent(agent!).FinishInteraction(_interactionId);
        }
        if (transition.Has(InteractionEffects.RemoveAnswered))
        {
            await Queue.Remove(_interactionId, QueueExit.Answered);
        }
        if (transition.Has(InteractionEffects.RemoveAbandoned))
        {
            await Queue.Remove(_interactionId, QueueExit.Abandoned);
        }
        if (transition.Has(InteractionEffects.RemoveOverflowed))
        {
            await QueueRouting(transition.LeftQueue ?? CurrentQueueId).Remove(_interactionId, QueueExit.Overflowed);
        }
        if (transition.Has(InteractionEffects.RemoveMoved))
        {
            // Counted as having left that queue for another action (overflowed), neither answered nor abandoned.
            await QueueRouting(transition.LeftQueue ?? CurrentQueueId).Remove(_interactionId, QueueExit.Moved);
        }
        if (transition.Has(InteractionEffects.Reprioritise))
        {
            // The queue re-scores its entry (in line, or kept for its return if an offer is ringing).
            await Queue.Reprioritise(_interactionId, CurrentPriority);
        }
        if (transition.Has(InteractionEffects.ReturnToLine))
        {
            var excludeUntil = transition.ExcludeUntil!.Value;
            if (transition.Transfer is { FallbackQueueId: { } fallback })
            {
                await FallBackAsync(fallback, $"the transfer to agent '{agent}' fell back", excludeUntil > Now ? [new AgentExclusion(agent!, excludeUntil)] : []);
            }
            else
            {
                await Queue.ReturnToLine(EnqueueRequest(), agent!, excludeUntil);
            }
        }
        if (transition.Has(InteractionEffects.ReportHandleTime))
        {
            ReportHandleTime(transition.HandleTime!);
        }
        if (transition.Has(InteractionEffects.Write))
        {
            await _writer.WriteAsync();
        }
        LeaveOnceFinished();
    }

    /// <summary>The part of a transition carried out at once: the watchdog, the timer, the events, and telling the
    /// customer's grain who served them (one-way).</summary>
    private void Apply(InteractionTransition transition, OverflowNotice? overflow = null)
    {
        if (transition.Has(InteractionEffects.StopWatchdog))
        {
            StopWatchdog();
        }
        if (transition.Has(InteractionEffects.StartWatchdog))
        {
            StartWatchdog();
        }
        if (transition.Has(InteractionEffects.RearmTimer))
        {
            RearmTimer();
        }
        foreach (var note in transition.Notes)
        {
            AddEvent(note.Kind, note.Status, note.AgentId, note.Detail, note.Kind == InteractionEventKind.Overflowed ? overflow : null);
        }
        if (transition.Notes.Count > 0)
        {
            RecordHistory();
        }
        if (transition.Has(InteractionEffects.CustomerServed))
        {
            RememberServedBy(transition.Agent!);
        }
    }

    /// <summary>Answers a refused request with the routing error the refusal names (nothing changed).</summary>
    private void Require(InteractionRefusal? refusal)
    {
        if (refusal is null)
        {
            return;
        }
        if (refusal.Kind == InteractionRefusalKind.NotFound)
        {
            ForgetIfUnknown();
        }
        throw new RoutingException(refusal.Kind switch
        {
            InteractionRefusalKind.InvalidArgument => RoutingError.InvalidArgument,
            InteractionRefusalKind.NotFound => RoutingError.NotFound,
            _ => RoutingError.FailedPrecondition,
        }, refusal.Message);
    }

    private void RequireCreated() => Require(Case.RefuseUnlessCreated());

    /// <summary>Asked about an interaction it does not hold (a mistyped or guessed id), the activation goes away once
    /// idle, so lookups of unknown ids leave nothing behind. Not while a Create is under way: it has not yet
    /// recorded the interaction, and GetSnapshot interleaves with it.</summary>
    private void ForgetIfUnknown()
    {
        if (State.Status == InteractionStatus.None && !_creating)
        {
            this.DeactivateOnIdle();
        }
    }

    private void RequireHandledBy(string agentId, InteractionStatus status, string action) =>
        Require(Case.RefuseUnlessHandledBy(agentId, status, action));

    private bool AlreadyDoneBy(string agentId, params InteractionStatus[] statuses) => Case.AlreadyDoneBy(agentId, statuses);

    private void RequireOfferedTo(string agentId, string action) => RequireHandledBy(agentId, InteractionStatus.Offered, action);

    private void AddEvent(InteractionEventKind kind, string? agentId, string? detail, OverflowNotice? overflow = null) =>
        AddEvent(kind, State.Status, agentId, detail, overflow);

    private void AddEvent(InteractionEventKind kind, InteractionStatus status, string? agentId, string? detail, OverflowNotice? overflow = null)
    {
        var interactionEvent = new InteractionEvent
        {
            InteractionId = _interactionId,
            Sequence = State.Events.Count + 1,
            At = Now,
            Kind = kind,
            Status = status,
            QueueId = CurrentQueueId,
            AgentId = agentId,
            Detail = detail,
            Overflow = overflow,
        };
        State.Events.Add(interactionEvent);
        if (_heldEvents is not null)
        {
            _heldEvents.Add(interactionEvent);
        }
        else
        {
            Publish(interactionEvent);
        }
    }

    private void Publish(InteractionEvent interactionEvent) => _observers.Notify(o => o.OnEvent(interactionEvent));

    private static bool SameSpec(InteractionSpec a, InteractionSpec b) =>
        a.QueueId == b.QueueId && a.Channel == b.Channel && a.Priority == b.Priority
        && a.CustomerId == b.CustomerId && a.CustomerNumber == b.CustomerNumber && a.PreferredAgentId == b.PreferredAgentId
        && a.ScheduledFor == b.ScheduledFor
        && a.RequiredSkills.SequenceEqual(b.RequiredSkills)
        && a.Attributes.Count == b.Attributes.Count && !a.Attributes.Except(b.Attributes).Any();

    private IQueueRouting Queue => QueueRouting(CurrentQueueId);

    private IQueueRouting QueueRouting(string queueId) =>
        (_queueReferences ??= new(queue => GrainFactory.QueueRouting(_tenantId, queue))).For(queueId);

    private IAgentRouting Agent(string agentId) =>
        (_agentReferences ??= new(agent => GrainFactory.AgentRouting(_tenantId, agent))).For(agentId);

    private LastGrainReference<IQueueRouting>? _queueReferences;
    private LastGrainReference<IAgentRouting>? _agentReferences;

    private EnqueueRequest EnqueueRequest() => new()
    {
        InteractionId = _interactionId,
        Channel = CurrentChannel,
        Arrival = State.LineArrival ?? State.Arrival,
        EnteredQueue = State.LineEnteredAt,
        Priority = CurrentPriority,
        RequiredSkills = State.Spec!.RequiredSkills,
        PreferredAgentId = State.LastService?.AgentId,
        PreferredServedAt = State.LastService?.At ?? default,
    };

    private InteractionSnapshot Snapshot() => new()
    {
        TenantId = _tenantId,
        InteractionId = _interactionId,
        Status = State.Status,
        QueueId = State.Spec is null ? "" : CurrentQueueId,
        Channel = State.Spec is null ? Channel.Voice : CurrentChannel,
        Priority = State.Spec is null ? 0 : CurrentPriority,
        Arrival = State.Arrival,
        AgentId = State.AgentId,
        OfferDeadline = State.OfferDeadline,
        WrapUpDeadline = State.WrapUpDeadline,
        Disposition = State.Disposition,
        OfferAttempts = State.OfferAttempts,
        Events = [.. State.Events],
        Legs = [.. State.Legs],
        WaitDeadline = State.Status == InteractionStatus.Queued ? State.WaitDeadline : null,
    };
}
