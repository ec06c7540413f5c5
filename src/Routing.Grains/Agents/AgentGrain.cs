using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;
using Routing.Abstractions;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Configuration;
using Routing.Abstractions.Interactions;
using Routing.Abstractions.Protocol;
using Routing.Core;

namespace Routing.Grains.Agents;

/// <summary>
/// An agent: presence, slots per channel and reservations. The presence methods here are ordinary
/// turns; the slot methods (AgentGrain.Slots.cs) are atomic; looking for work is in AgentGrain.Work.cs.
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
        ILogger<AgentGrain> logger)
    {
        _state = state;
        _durableState = options.Value.DurableState;
        _staleClaimAge = options.Value.StaleClaimAge;
        _time = time;
        _logger = logger;
        _observers = new ObserverManager<IAgentObserver>(TimeSpan.FromMinutes(10), logger);
        (_tenantId, _agentId) = GrainKeys.Parse(this.GetPrimaryKeyString());
        _writer = new StateWriter<AgentState>(state, logger, this.GetPrimaryKeyString(), FlushHistorySoon, this.DeactivateOnIdle, options.Value.BackgroundWriteDelay);
        _history = history;
        _historyWriter = new StateWriter<AgentHistoryState>(history, logger, this.GetPrimaryKeyString() + " (history)", onConflict: this.DeactivateOnIdle);
    }

    private AgentState State => _state.State;

    private DateTimeOffset Now => _time.GetUtcNow();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RestoreSession();
        // No offer begun by an earlier activation can still hold its reservation.
        DropStaleReservations(TimeSpan.Zero);
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
        if (State.Presence == Presence.Offline)
        {
            ChangePresence(Presence.NotReady, NotReadyReasons.LoggedIn, "login");
            // Queues count logged-in agents (statistics, and whether a queue with no agents takes new work).
            PublishAvailability();
            await _writer.WriteAsync();
        }
        return Snapshot();
    }

    public async Task<AgentSnapshot> SetReady()
    {
        RequireSettings();
        if (State.Presence == Presence.Offline)
        {
            ChangePresence(Presence.NotReady, NotReadyReasons.LoggedIn, "login");
        }
        if (State.Presence != Presence.Available)
        {
            State.ConsecutiveMisses = 0;
            if (Load().Total == 0)
            {
                State.IdleSince = Now;
            }
            ChangePresence(Presence.Available, null, "ready");
            ScheduleLookForWork();
        }
        await _writer.WriteAsync();
        return Snapshot();
    }

    public async Task<AgentSnapshot> SetNotReady(string reason)
    {
        RequireSettings();
        if (EntityId.Problem("not-ready reason", reason) is { } problem)
        {
            throw new RoutingException(RoutingError.InvalidArgument, problem);
        }
        if (State.Presence == Presence.Offline)
        {
            throw new RoutingException(RoutingError.FailedPrecondition, $"agent '{_agentId}' is offline; log in first");
        }
        if (State.Presence != Presence.NotReady || State.Reason != reason)
        {
            ChangePresence(Presence.NotReady, reason, "not-ready");
            PublishAvailability();
            await _writer.WriteAsync();
        }
        return Snapshot();
    }

    public async Task<AgentSnapshot> Logout()
    {
        RequireSettings();
        if (State.Presence == Presence.Offline)
        {
            return Snapshot();
        }
        var busy = State.Slots.Values.Count(s => s.Phase is SlotPhase.Connected or SlotPhase.WrapUp);
        if (busy > 0)
        {
            throw new RoutingException(RoutingError.FailedPrecondition, $"agent '{_agentId}' has {busy} interaction(s) in progress; end them before logging out");
        }
        await GoOfflineAsync("logout");
        return Snapshot();
    }

    /// <summary>
    /// Goes Offline: slots held for offers still being made are dropped (the offering queue finds them
    /// gone and withdraws), ringing offers are withdrawn and go back to their place in line. Connected
    /// and wrap-up interactions are left alone: they finish through their own End, Complete and timers.
    /// </summary>
    private async Task GoOfflineAsync(string cause)
    {
        // Offline first, so no reservation can slip in while ringing offers are withdrawn.
        var ringing = State.Slots.Values.Where(s => s.Phase == SlotPhase.Offered).Select(s => s.InteractionId).ToArray();
        ChangePresence(Presence.Offline, null, cause);
        foreach (var reserved in State.Slots.Values.Where(s => s.Phase == SlotPhase.Reserved).ToArray())
        {
            State.Slots.Remove(reserved.InteractionId);
            MarkIdleIfNoWork();
            Record("released-withdrawn", reserved.InteractionId);
        }
        PublishAvailability();
        // Each withdrawal frees its slot through ReleaseOffer, which records "released-withdrawn".
        await Task.WhenAll(ringing.Select(id => GrainFactory.InteractionRouting(_tenantId, id).Withdraw(_agentId)));
        await _writer.WriteAsync();
    }

    public async Task Retire()
    {
        if (State.Settings is null)
        {
            return;
        }
        if (State.Presence != Presence.Offline)
        {
            await GoOfflineAsync("removed-from-configuration");
        }
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
        Record("removed-from-configuration", null);
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

    private void ChangePresence(Presence presence, string? reason, string cause)
    {
        State.Presence = presence;
        State.Reason = reason;
        Record(cause, null);
        GrainLog.PresenceChanged(_logger, this.GetPrimaryKeyString(), presence, reason is null ? "" : $" ({reason})");
    }

    /// <summary>Appends a history entry for the state as it is now and tells the agent's app.</summary>
    private void Record(string cause, string? interactionId)
    {
        State.Version++;
        var load = Load();
        State.PeakLoad = Peak(State.PeakLoad, load);
        AppendHistory(new AgentStateEntry
        {
            Sequence = State.NextHistorySequence++,
            At = Now,
            Presence = State.Presence,
            Reason = State.Reason,
            Load = load,
            Cause = cause,
            InteractionId = interactionId,
        });
        if (_observers.Count > 0)
        {
            var snapshot = Snapshot();
            _observers.Notify(o => o.OnStateChanged(snapshot));
        }
    }

    private static ChannelCounts Peak(ChannelCounts peak, ChannelCounts load) =>
        Enum.GetValues<Channel>().Aggregate(peak, (p, c) => load[c] > p[c] ? p.With(c, load[c]) : p);

    private ChannelCounts Load()
    {
        var load = ChannelCounts.Zero;
        foreach (var slot in State.Slots.Values)
        {
            load = load.With(slot.Channel, load[slot.Channel] + 1);
        }
        return load;
    }

    private AgentSnapshot Snapshot() => new()
    {
        TenantId = _tenantId,
        AgentId = _agentId,
        Presence = State.Presence,
        Reason = State.Reason,
        Load = Load(),
        Capacity = State.Settings?.Definition.Capacity ?? ChannelCounts.Zero,
        Slots = [.. State.Slots.Values],
        ConsecutiveMisses = State.ConsecutiveMisses,
        InteractionsToday = InteractionsToday(),
        Queues = State.Settings?.Queues ?? [],
        PeakLoad = State.PeakLoad,
        Version = State.Version,
    };
}
