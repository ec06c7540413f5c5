using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;
using Routing.Abstractions;
using Routing.Abstractions.Interactions;
using Routing.Abstractions.Protocol;
using Routing.Abstractions.Queues;
using Routing.Core;
using Routing.Core.Lifecycle;

namespace Routing.Grains.Interactions;

/// <summary>
/// One contact's lifecycle. The status here is the final word: an offer is made only from Queued
/// (in the atomic <see cref="Offer"/>), so an interaction is never offered to two agents at once, and
/// every transition to a final state happens once. Offer endings are in InteractionGrain.Offers.cs, transfers
/// in InteractionGrain.Transfers.cs and each agent's part (leg) in InteractionGrain.Legs.cs.
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
        ILogger<InteractionGrain> logger)
    {
        _state = state;
        _watchdogPeriod = options.Value.WatchdogPeriod;
        _durableState = options.Value.DurableState;
        _reminderPeriod = options.Value.RecoveryReminderPeriod;
        _time = time;
        _logger = logger;
        _observers = new ObserverManager<IInteractionObserver>(TimeSpan.FromMinutes(10), logger);
        (_tenantId, _interactionId) = GrainKeys.Parse(this.GetPrimaryKeyString());
        _writer = new StateWriter<InteractionState>(state, logger, this.GetPrimaryKeyString(), onConflict: this.DeactivateOnIdle);
    }

    private InteractionState State => _state.State;

    private DateTimeOffset Now => _time.GetUtcNow();

    private string Key => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Deadlines survive in state (offer, wrap-up, consult, transferred legs' wrap-ups); timers do not
        // survive the activation, so re-arm them.
        RearmTimer();
        if (State.Status == InteractionStatus.Queued)
        {
            StartWatchdog();
        }
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
        Move(InteractionTrigger.JoinLine);
        State.Arrival = Now;
        State.LastService = lastService;
        _heldEvents = [];
        AddEvent(InteractionEventKind.Queued, null, null);
        EnqueueReceipt receipt;
        try
        {
            receipt = await Queue.Enqueue(EnqueueRequest() with { Reason = EnqueueReason.New });
        }
        catch
        {
            // Refused, or no answer in time (the queue may still take it: an offer of an interaction that does
            // not exist is refused, so that entry goes away). Nothing was created; a retry starts afresh.
            _heldEvents = null;
            State.Spec = null;
            State.LastService = null;
            Move(InteractionTrigger.CreateRolledBack);
            State.Events.Clear();
            throw;
        }
        var held = _heldEvents;
        _heldEvents = null;
        if (State.Status == InteractionStatus.Queued)
        {
            StartWatchdog();
        }
        held.ForEach(Publish);
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
        if (ConsultOfferedTo(agentId) is { } consult)
        {
            await AcceptConsultAsync(consult);
            return Snapshot();
        }
        if (AlreadyDoneBy(agentId, InteractionStatus.Connected, InteractionStatus.WrapUp, InteractionStatus.Completed))
        {
            return Snapshot();
        }
        RequireOfferedTo(agentId, "accept");
        if (!await Agent(agentId).ConfirmConnected(_interactionId))
        {
            await EndOfferAsync(OfferOutcome.Withdrawn);
            throw new RoutingException(RoutingError.FailedPrecondition, $"agent '{agentId}' no longer holds the offer of '{_interactionId}'");
        }
        Move(InteractionTrigger.Accept);
        State.OfferDeadline = null;
        State.Transfer = null;
        State.TransferredFromAgentId = null;
        RearmTimer();
        StartLeg(agentId);
        AddEvent(InteractionEventKind.Connected, agentId, null);
        GrainLog.Connected(_logger, Key, agentId, (Now - State.Arrival).TotalSeconds);
        await Queue.Remove(_interactionId, QueueExit.Answered);
        await _writer.WriteAsync();
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
                var agentId = State.AgentId!;
                State.OfferDeadline = null;
                RearmTimer();
                AddEvent(InteractionEventKind.OfferRescinded, agentId, "customer hung up");
                GrainLog.OfferEnded(_logger, Key, agentId, OfferOutcome.Rescinded);
                await Agent(agentId).ReleaseOffer(_interactionId, OfferOutcome.Rescinded);
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
        if (TransferredLegOf(agentId) is { } leg && !(State.AgentId == agentId && State.Status is InteractionStatus.Connected or InteractionStatus.WrapUp))
        {
            await CompleteTransferredLegAsync(leg, disposition);
            return Snapshot();
        }
        if (AlreadyDoneBy(agentId, InteractionStatus.Completed))
        {
            return Snapshot();
        }
        if (State.Status == InteractionStatus.Connected)
        {
            RequireHandledBy(agentId, InteractionStatus.Connected, "complete");
            await CancelConsultAsync("agent completed the interaction");
            EndTalk(agentId, "agent ended");
        }
        else
        {
            RequireHandledBy(agentId, InteractionStatus.WrapUp, "complete");
        }
        await CompleteAsync(disposition);
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

    private async Task AbandonAsync()
    {
        Move(InteractionTrigger.Abandon);
        StopWatchdog();
        State.AgentId = null;
        State.Transfer = null;
        AddEvent(InteractionEventKind.Abandoned, null, "customer hung up");
        GrainLog.Abandoned(_logger, Key, (Now - State.Arrival).TotalSeconds);
        await Queue.Remove(_interactionId, QueueExit.Abandoned);
        await _writer.WriteAsync();
    }

    /// <summary>Connected → WrapUp: the talk ends, on the agent's leg and in the events.</summary>
    private void EndTalk(string agentId, string detail)
    {
        Move(InteractionTrigger.EndTalk);
        UpdateCurrentLeg(leg => leg with { EndedAt = Now });
        AddEvent(InteractionEventKind.Ended, agentId, detail);
    }

    /// <summary>Connected → WrapUp for the queue's wrap-up time (completing at once when it is zero).</summary>
    private async Task EndConversationAsync(string detail)
    {
        var agentId = State.AgentId!;
        var wrapUp = WrapUpTime;
        EndTalk(agentId, detail);
        if (wrapUp <= TimeSpan.Zero)
        {
            await CompleteAsync(null);
            return;
        }
        State.WrapUpDeadline = Now + wrapUp;
        UpdateCurrentLeg(leg => leg with { WrapUpDeadline = State.WrapUpDeadline });
        await Agent(agentId).BeginWrapUp(_interactionId, State.WrapUpDeadline.Value);
        RearmTimer();
        await _writer.WriteAsync();
    }

    /// <summary>After-call work time of the current agent: that of the queue that offered it.</summary>
    private TimeSpan WrapUpTime => State.Terms?.WrapUpTime ?? TimeSpan.Zero;

    private async Task CompleteAsync(Disposition? disposition)
    {
        var agentId = State.AgentId!;
        Move(InteractionTrigger.Complete);
        State.WrapUpDeadline = null;
        State.Disposition = disposition;
        UpdateCurrentLeg(leg => leg with { CompletedAt = Now, WrapUpDeadline = null, Disposition = disposition });
        RearmTimer();
        AddEvent(InteractionEventKind.Completed, agentId, disposition?.Code);
        GrainLog.Completed(_logger, Key, agentId, disposition?.Code ?? "(none: wrap-up time elapsed)");
        await Agent(agentId).FinishInteraction(_interactionId);
        if (HandleTimes() is { } handled)
        {
            _ = Queue.InteractionCompleted(handled.Talk, handled.WrapUp);
        }
        await _writer.WriteAsync();
    }

    /// <summary>The one place the status changes: only as the lifecycle's table allows.</summary>
    private void Move(InteractionTrigger trigger) => State.Status = InteractionLifecycle.Next(State.Status, trigger);

    private void RequireCreated()
    {
        if (State.Status == InteractionStatus.None)
        {
            ForgetIfUnknown();
            throw new RoutingException(RoutingError.NotFound, $"interaction '{_interactionId}' does not exist in tenant '{_tenantId}'");
        }
    }

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

    private void RequireHandledBy(string agentId, InteractionStatus status, string action)
    {
        RoutingException.ThrowIfInvalidId("agent", agentId);
        RequireCreated();
        if (State.Status != status || State.AgentId != agentId)
        {
            throw new RoutingException(RoutingError.FailedPrecondition,
                $"agent '{agentId}' cannot {action} interaction '{_interactionId}': it is {State.Status}{(State.AgentId is null ? "" : $" with agent '{State.AgentId}'")}");
        }
    }

    /// <summary>True when this agent's command was already carried out (the interaction is past it with
    /// this agent): a command repeated after a lost answer succeeds again instead of failing.</summary>
    private bool AlreadyDoneBy(string agentId, params InteractionStatus[] statuses) =>
        State.AgentId == agentId && statuses.Contains(State.Status);

    private void RequireOfferedTo(string agentId, string action) => RequireHandledBy(agentId, InteractionStatus.Offered, action);

    private void AddEvent(InteractionEventKind kind, string? agentId, string? detail, OverflowNotice? overflow = null)
    {
        var interactionEvent = new InteractionEvent
        {
            InteractionId = _interactionId,
            Sequence = State.Events.Count + 1,
            At = Now,
            Kind = kind,
            Status = State.Status,
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

    /// <summary>Talk (connected → ended) and wrap-up (ended → now) of a completed interaction, from its events.</summary>
    private (TimeSpan Talk, TimeSpan WrapUp)? HandleTimes()
    {
        var connected = State.Events.LastOrDefault(e => e.Kind == InteractionEventKind.Connected)?.At;
        var ended = State.Events.LastOrDefault(e => e.Kind == InteractionEventKind.Ended)?.At;
        return connected is { } start && ended is { } end && end >= start ? (end - start, Now - end) : null;
    }

    private IQueueRouting Queue => GrainFactory.QueueRouting(_tenantId, CurrentQueueId);

    private IAgentRouting Agent(string agentId) => GrainFactory.AgentRouting(_tenantId, agentId);

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
