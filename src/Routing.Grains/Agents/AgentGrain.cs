using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;
using Routing.Abstractions;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Configuration;
using Routing.Abstractions.Interactions;
using Routing.Abstractions.Protocol;
using Routing.Core;
using Routing.Grains.History;
using Routing.Grains.Telemetry;

namespace Routing.Grains.Agents;

/// <summary>
/// An agent: presence, slots per channel and reservations. Their rules are <see cref="AgentWorkload"/>'s (Routing.Core):
/// the grain asks it, carries out what it decided (<see cref="Carry"/>) and keeps activation, timers, writes and
/// calls to other grains. The presence methods here are ordinary turns; the slot methods (AgentGrain.Slots.cs) are
/// atomic; looking for work is in AgentGrain.Work.cs.
/// </summary>
internal sealed partial class AgentGrain : Grain, IAgentGrain, IAgentRouting
{
    /// <summary>History entries kept (AgentGrain.History.cs), about a working day (~6 per interaction); older
    /// ones are dropped, which bounds the cost of each (deferred) history write.</summary>
    internal const int MaxHistoryEntries = 1_000;

    private readonly IPersistentState<AgentState> _state;
    private readonly TimeProvider _time;
    private readonly ILogger<AgentGrain> _logger;
    private readonly ObserverManager<IAgentObserver> _observers;
    private readonly StateWriter<AgentState> _writer;
    private readonly string _tenantId;
    private readonly string _agentId;
    private readonly bool _durableState;
    private readonly TimeSpan _staleClaimAge;

    public AgentGrain(
        [PersistentState("agent", RoutingSiloBuilderExtensions.StorageName)] IPersistentState<AgentState> state,
        [PersistentState("agent-history", RoutingSiloBuilderExtensions.StorageName)] IPersistentState<AgentHistoryState> history,
        TimeProvider time,
        IOptions<RoutingGrainOptions> options,
        GrainHistory grainHistory,
        RoutingGrainMetrics metrics,
        ILogger<AgentGrain> logger)
    {
        _state = state;
        _metrics = metrics;
        _intervals = new HistoryCursor(grainHistory);
        _durableState = options.Value.DurableState;
        _staleClaimAge = options.Value.StaleClaimAge;
        _time = time;
        _logger = logger;
        _observers = new ObserverManager<IAgentObserver>(ObserverLease.Duration, logger);
        (_tenantId, _agentId) = GrainKeys.Parse(this.GetPrimaryKeyString());
        _writer = new StateWriter<AgentState>(state, logger, this.GetPrimaryKeyString(), FlushHistorySoon, this.DeactivateOnIdle, options.Value.BackgroundWriteDelay, deferToDeactivation: !options.Value.DurableState);
        _history = history;
        _historyWriter = new StateWriter<AgentHistoryState>(history, logger, this.GetPrimaryKeyString() + " (history)", onConflict: this.DeactivateOnIdle, deferToDeactivation: !options.Value.DurableState);
    }

    private AgentState State => _state.State;

    private DateTimeOffset Now => _time.GetUtcNow();

    private AgentTerms? _terms;

    /// <summary>The rules of the agent's presence and slots, over its stored state and its configuration's terms: one
    /// per state object and terms (the workload keeps nothing of its own).</summary>
    private AgentWorkload Work
    {
        get
        {
            var terms = _terms ??= State.Settings is { } settings
                ? new AgentTerms(settings.Definition.Capacity, settings.VoiceIsExclusive, settings.Queues, settings.NoAnswerThreshold)
                : null;
            if (_work is { } known && ReferenceEquals(_workState, State) && ReferenceEquals(_workTerms, terms))
            {
                return known;
            }
            (_workState, _workTerms) = (State, terms);
            return _work = new AgentWorkload(State, terms);
        }
    }

    private AgentWorkload? _work;
    private AgentState? _workState;
    private AgentTerms? _workTerms;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Intervals the store has not confirmed (refused, or lost with the silo that queued them) are recorded again.
        RecordIntervals();
        RestoreSession();
        // No offer begun by an earlier activation can still hold its reservation.
        Carry(Work.DropStaleReservations(TimeSpan.Zero, Now));
        if (_durableState)
        {
            // This activation may follow a crash that also took the timers of the interactions this agent
            // holds (offer and wrap-up deadlines): waking them re-arms those.
            foreach (var interactionId in State.Slots.Keys)
            {
                _ = GrainFactory.InteractionRouting(_tenantId, interactionId).Recover();
            }
        }
        if (State.Presence == Presence.Available)
        {
            ScheduleLookForWork();
        }
        CountState();
        return Task.CompletedTask;
    }

    public async Task Configure(AgentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        RoutingException.ThrowIfProblems([.. settings.Definition.Problems()], "agent configuration");
        if (settings.Definition.AgentId != _agentId)
        {
            throw new RoutingException(RoutingError.InvalidArgument, $"configuration for agent '{settings.Definition.AgentId}' sent to agent '{_agentId}'");
        }
        var droppedQueues = State.Settings?.Queues.Except(settings.Queues, StringComparer.Ordinal).ToArray() ?? [];
        State.Settings = settings;
        State.Version++;
        _skills = null;
        _queues = null;
        _zone = null;
        _terms = null;
        await _writer.WriteAsync();
        var unavailable = Availability() with { FreeChannels = [] };
        foreach (var queueId in droppedQueues)
        {
            _ = GrainFactory.QueueRouting(_tenantId, queueId).AgentAvailabilityChanged(unavailable);
        }
        if (State.Presence == Presence.Available)
        {
            ScheduleLookForWork();
        }
        else
        {
            PublishAvailability(force: true);
        }
    }

    public async Task<AgentSnapshot> Login()
    {
        RequireSettings();
        // Queues count logged-in agents (statistics, and whether a queue with no agents takes new work).
        if (Carry(Work.Login(Now)))
        {
            await _writer.WriteAsync();
        }
        return Snapshot();
    }

    public async Task<AgentSnapshot> SetReady()
    {
        RequireSettings();
        Carry(Work.SetReady(Now));
        await _writer.WriteAsync();
        return Snapshot();
    }

    public async Task<AgentSnapshot> SetNotReady(string reason)
    {
        RequireSettings();
        var transition = Work.SetNotReady(reason, Now);
        switch (transition.Refusal)
        {
            case AgentRefusal.InvalidReason:
                throw new RoutingException(RoutingError.InvalidArgument, transition.Problem ?? "invalid not-ready reason");
            case AgentRefusal.Offline:
                throw new RoutingException(RoutingError.FailedPrecondition, $"agent '{_agentId}' is offline; log in first");
        }
        if (Carry(transition))
        {
            await _writer.WriteAsync();
        }
        return Snapshot();
    }

    public async Task<AgentSnapshot> Logout()
    {
        RequireSettings();
        var transition = Work.Logout(Now);
        if (transition.Refusal == AgentRefusal.WorkInProgress)
        {
            throw new RoutingException(RoutingError.FailedPrecondition, $"agent '{_agentId}' has {Work.InProgress} interaction(s) in progress; end them before logging out");
        }
        await GoOfflineAsync(transition);
        return Snapshot();
    }

    /// <summary>Carries out going Offline (<see cref="AgentWorkload.GoOffline"/>): ringing offers are withdrawn
    /// and go back to their place in line. Nothing to do when the transition was refused (already Offline).</summary>
    private async Task GoOfflineAsync(AgentTransition offline)
    {
        if (!Carry(offline))
        {
            return;
        }
        // Each withdrawal frees its slot through ReleaseOffer, which records ReleasedWithdrawn.
        await Task.WhenAll(offline.Withdraw.Select(id => GrainFactory.InteractionRouting(_tenantId, id).Withdraw(_agentId)));
        await _writer.WriteAsync();
    }

    public async Task Retire()
    {
        if (State.Settings is null)
        {
            return;
        }
        await GoOfflineAsync(Work.GoOffline(AgentCause.RemovedFromConfiguration, Now));
        // Its queues drop it from their indexes before it forgets which queues they were.
        State.Version++;
        var gone = Availability() with { FreeChannels = [] };
        foreach (var queue in Queues)
        {
            _ = queue.AgentAvailabilityChanged(gone);
        }
        EndSession();
        State.Settings = null;
        _skills = null;
        _queues = null;
        _zone = null;
        _terms = null;
        Record(Work.Moment(AgentCause.RemovedFromConfiguration, Now));
        RecordIntervals();
        TellApp();
        await _writer.WriteAsync();
    }

    public Task<AgentSnapshot> GetSnapshot() => Task.FromResult(Snapshot());


    public Task Subscribe(IAgentObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IAgentObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private AgentSettings RequireSettings() => State.Settings
        ?? throw new RoutingException(RoutingError.NotFound, $"agent '{_agentId}' is not configured in tenant '{_tenantId}'");

    /// <summary>
    /// Carries out an accepted transition of the workload: records its moments, tells the agent's app, its
    /// queues and itself what it asks for, and schedules the write. False (and nothing done) when refused; the
    /// effects that need data only the caller has (how an offer ended) are the caller's, except the offer that
    /// starts ringing (<paramref name="ringing"/>), which goes to the app with the state it brings, in one notice.
    /// </summary>
    private bool Carry(AgentTransition transition, OfferNotice? ringing = null)
    {
        if (!transition.Accepted)
        {
            return false;
        }
        foreach (var moment in transition.Moments)
        {
            Record(moment);
        }
        if (transition.Moments.Count > 0)
        {
            // One group for the store for the whole transition, not one per moment.
            RecordIntervals();
        }
        if (transition.Has(AgentEffects.NoAnswer))
        {
            GrainLog.NoAnswer(_logger, this.GetPrimaryKeyString(), State.ConsecutiveMisses);
        }
        if (!transition.Has(AgentEffects.Unseen))
        {
            TellApp(ringing);
        }
        else if (ringing is not null)
        {
            _observers.Notify(o => o.OnOffer(ringing));
        }
        if (transition.Has(AgentEffects.AnnounceAvailability))
        {
            PublishAvailability();
        }
        if (transition.Has(AgentEffects.LookForWork))
        {
            ScheduleLookForWork();
        }
        CountState();
        _writer.Schedule();
        return true;
    }

    /// <summary>Appends a history entry for one moment of a transition.</summary>
    private void Record(AgentMoment moment)
    {
        State.Version++;
        State.PeakLoad = Peak(State.PeakLoad, moment.Load);
        AppendHistory(new AgentStateEntry
        {
            Sequence = State.NextHistorySequence++,
            At = moment.At,
            Presence = moment.Presence,
            Reason = moment.Reason,
            Load = moment.Load,
            Cause = moment.Cause,
            InteractionId = moment.InteractionId,
        });
        if (moment.PresenceChanged)
        {
            GrainLog.PresenceChanged(_logger, this.GetPrimaryKeyString(), moment.Presence, moment.Reason is null ? "" : $" ({moment.Reason})");
        }
    }

    /// <summary>Tells the agent's app how the agent stands now: once per change, however many moments it recorded;
    /// with the offer that brought the change when there is one (one notice instead of two).</summary>
    private void TellApp(OfferNotice? ringing = null)
    {
        if (_observers.Count > 0)
        {
            var snapshot = Snapshot();
            if (ringing is null)
            {
                _observers.Notify(o => o.OnStateChanged(snapshot));
            }
            else
            {
                var told = ringing with { AgentState = snapshot };
                _observers.Notify(o => o.OnOffer(told));
            }
        }
    }

    private static ChannelCounts Peak(ChannelCounts peak, ChannelCounts load)
    {
        foreach (var channel in Channels.All)
        {
            if (load[channel] > peak[channel])
            {
                peak = peak.With(channel, load[channel]);
            }
        }
        return peak;
    }

    private AgentSnapshot Snapshot() => new()
    {
        TenantId = _tenantId,
        AgentId = _agentId,
        Presence = State.Presence,
        Reason = State.Reason,
        Load = Work.Load(),
        Capacity = State.Settings?.Definition.Capacity ?? ChannelCounts.Zero,
        Slots = [.. State.Slots.Values],
        ConsecutiveMisses = State.ConsecutiveMisses,
        InteractionsToday = InteractionsToday(),
        Queues = State.Settings?.Queues ?? [],
        PeakLoad = State.PeakLoad,
        Version = State.Version,
    };
}
