using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Routing.Abstractions;
using Routing.Abstractions.Configuration;
using Routing.Abstractions.Interactions;
using Routing.Abstractions.Protocol;
using Routing.Abstractions.Queues;
using Routing.Core;

namespace Routing.Grains.Queues;

/// <summary>
/// A queue: the line, the index of available agents, and routing passes that offer new work to them
/// (QueueGrain.Dispatch.cs). Everything other agents and interactions call here is atomic.
/// </summary>
internal sealed partial class QueueGrain : Grain, IQueueGrain, IQueueRouting
{
    private readonly IPersistentState<QueueState> _state;
    private readonly IPersistentState<QueueMembersState> _storedMembers;
    private readonly TimeProvider _time;
    private readonly ILogger<QueueGrain> _logger;
    private readonly StateWriter<QueueState> _writer;
    private readonly StateWriter<QueueMembersState> _membersWriter;
    private readonly string _tenantId;
    private readonly string _queueId;
    private readonly TimeSpan _staleClaimAge;
    private readonly bool _durableState;
    private readonly WaitingLine _line = new();
    /// <summary>Available agents (only those with a free channel), by id and longest idle first.</summary>
    private readonly AvailableAgents _available = new();
    /// <summary>The newest availability version seen per agent, so a late message cannot undo a newer one.</summary>
    private readonly Dictionary<string, long> _agentVersions = new(StringComparer.Ordinal);
    private AgentSelector _selector = new(SelectionStrategy.LongestIdle);
    private HashSet<string> _members = new(StringComparer.Ordinal);

    public QueueGrain(
        [PersistentState("queue", RoutingSiloBuilderExtensions.StorageName)] IPersistentState<QueueState> state,
        [PersistentState("queue-members", RoutingSiloBuilderExtensions.StorageName)] IPersistentState<QueueMembersState> members,
        TimeProvider time,
        IOptions<RoutingGrainOptions> options,
        ILogger<QueueGrain> logger)
    {
        _state = state;
        _storedMembers = members;
        _membersWriter = new StateWriter<QueueMembersState>(members, logger, this.GetPrimaryKeyString() + " (members)", onConflict: this.DeactivateOnIdle);
        _staleClaimAge = options.Value.StaleClaimAge;
        _durableState = options.Value.DurableState;
        _time = time;
        _logger = logger;
        (_tenantId, _queueId) = GrainKeys.Parse(this.GetPrimaryKeyString());
        _writer = new StateWriter<QueueState>(state, logger, this.GetPrimaryKeyString(), () => State.Waiting = [.. _line.InOrder()], this.DeactivateOnIdle, options.Value.BackgroundWriteDelay);
    }

    private QueueState State => _state.State;

    private DateTimeOffset Now => _time.GetUtcNow();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in State.Waiting)
        {
            _line.TryAdd(entry);
        }
        _members = new HashSet<string>(_storedMembers.State.Members, StringComparer.Ordinal);
        if (State.Definition is { } definition)
        {
            _selector = new AgentSelector(definition.Strategy) { LastChosen = State.RoundRobinCursor };
            ConfigureStatistics();
        }
        // The index of available agents lives in memory only: ask the members to announce themselves.
        foreach (var member in _storedMembers.State.Members)
        {
            _ = GrainFactory.AgentRouting(_tenantId, member).AnnounceAvailability();
        }
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _writer.FlushAsync();

    public async Task Configure(QueueDefinition definition, string[] members, string timeZone)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(members);
        RoutingException.ThrowIfProblems([.. definition.Problems()], "queue configuration");
        if (definition.QueueId != _queueId)
        {
            throw new RoutingException(RoutingError.InvalidArgument, $"configuration for queue '{definition.QueueId}' sent to queue '{_queueId}'");
        }
        State.Definition = definition;
        _storedMembers.State.Members = members;
        State.TimeZone = timeZone ?? "UTC";
        ConfigureStatistics();
        _members = new HashSet<string>(members, StringComparer.Ordinal);
        _selector = new AgentSelector(definition.Strategy) { LastChosen = State.RoundRobinCursor };
        foreach (var agentId in _available.Ids.Where(a => !_members.Contains(a)).ToArray())
        {
            _available.Remove(agentId);
        }
        await Task.WhenAll(_writer.WriteAsync(), _membersWriter.WriteAsync());
        ScheduleDispatch();
    }

    public async Task Retire()
    {
        if (State.Definition is null)
        {
            return;
        }
        if (_line.Count + State.Offered.Count > 0)
        {
            throw new RoutingException(RoutingError.FailedPrecondition,
                $"queue '{_queueId}' still has {_line.Count} waiting and {State.Offered.Count} ringing interaction(s); move them to another queue first");
        }
        State.Definition = null;
        _storedMembers.State.Members = [];
        _members.Clear();
        _available.Clear();
        await Task.WhenAll(_writer.WriteAsync(), _membersWriter.WriteAsync());
    }

    public Task<QueueSnapshot> GetSnapshot() => Task.FromResult(new QueueSnapshot
    {
        QueueId = _queueId,
        Configured = State.Definition is not null,
        Waiting = [.. _line.InOrder().Select(e => e.InteractionId)],
        Offered = State.Offered.ToDictionary(o => o.Key, o => o.Value.AgentId, StringComparer.Ordinal),
        AvailableAgents = [.. _available.Ids.Order(StringComparer.Ordinal)],
        OldestArrival = _line.Count == 0 ? null : _line.InOrder().Min(e => e.Arrival),
    });

    public Task Recover()
    {
        // Activating this grain (if the lost silo held it) already reloaded the line and asked the agents
        // to announce themselves. Interactions out for an offer may have lost their deadline timers
        // with the silo: waking them re-arms those.
        foreach (var interactionId in State.Offered.Keys)
        {
            _ = GrainFactory.InteractionRouting(_tenantId, interactionId).Recover();
        }
        ScheduleDispatch();
        return Task.CompletedTask;
    }

    public Task<EnqueueReceipt> Enqueue(EnqueueRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var definition = RequireDefinition();
        if (_line.TryGet(request.InteractionId, out var waiting))
        {
            return Task.FromResult(new EnqueueReceipt(_line.PositionOf(request.InteractionId), waiting.Arrival) { EnteredQueue = waiting.WaitingSince });
        }
        if (State.Offered.TryGetValue(request.InteractionId, out var offered))
        {
            if (Now - offered.Since < _staleClaimAge)
            {
                return Task.FromResult(new EnqueueReceipt(0, offered.Entry.Arrival) { EnteredQueue = offered.Entry.WaitingSince });
            }
            // The interaction says it is waiting, yet an offer of it began long ago and never finished
            // (a call in it failed): it goes back to its place. The interaction grain decides who gets
            // it, so a late-finishing offer can still not make it ringing twice.
            State.Offered.Remove(request.InteractionId);
        }
        if (offered is null && Admit(request, definition) is { } overflowNow)
        {
            return Task.FromResult(new EnqueueReceipt(0, request.Arrival) { Overflow = definition.Overflow, OverflowNow = overflowNow });
        }
        var entry = offered?.Entry ?? NewEntry(request, definition);
        if (offered is null)
        {
            // Work from elsewhere (a transfer, move or overflow) counts as an arrival here when it came.
            _statistics?.Arrived(entry.WaitingSince, Now);
        }
        _line.TryAdd(entry);
        var position = _line.PositionOf(entry.InteractionId);
        GrainLog.Queued(_logger, GrainKeys.Compose(_tenantId, entry.InteractionId), entry.Channel, entry.Priority, _queueId, position);
        ScheduleDispatch();
        StatisticsChanged();
        var receipt = new EnqueueReceipt(position, entry.Arrival)
        {
            MaxWait = definition.MaxWait,
            Overflow = definition.Overflow,
            EnteredQueue = entry.WaitingSince,
        };
        if (!_durableState)
        {
            _writer.Schedule();
            return Task.FromResult(receipt);
        }
        // Durable: the interaction is acknowledged to its caller only once the stored line holds it
        // (awaiting only this grain's own write keeps the method atomic: the change above is made).
        return WrittenAsync(receipt);
    }

    private async Task<EnqueueReceipt> WrittenAsync(EnqueueReceipt receipt)
    {
        await _writer.WriteAsync();
        return receipt;
    }

    public Task ReturnToLine(EnqueueRequest request, string agentId, DateTimeOffset excludeUntil)
    {
        ArgumentNullException.ThrowIfNull(request);
        var definition = RequireDefinition();
        var entry = State.Offered.Remove(request.InteractionId, out var offered)
            ? offered.Entry
            : _line.TryGet(request.InteractionId, out var waiting) ? waiting : NewEntry(request, definition);
        if (excludeUntil > Now)
        {
            entry = entry.WithExclusion(agentId, excludeUntil, Now);
        }
        if (_line.Contains(entry.InteractionId))
        {
            _line.Replace(entry);
        }
        else
        {
            _line.TryAdd(entry);
        }
        _writer.Schedule();
        ScheduleDispatch();
        return Task.CompletedTask;
    }

    public Task<bool> IsConfigured() => Task.FromResult(State.Definition is not null);

    public Task ChangeChannel(string interactionId, Channel channel)
    {
        if (_line.TryGet(interactionId, out var waiting))
        {
            _line.Replace(waiting with { Channel = channel });
            ScheduleDispatch();
        }
        else if (State.Offered.TryGetValue(interactionId, out var offered))
        {
            State.Offered[interactionId] = offered with { Entry = offered.Entry with { Channel = channel } };
        }
        else
        {
            return Task.CompletedTask;
        }
        _writer.Schedule();
        return Task.CompletedTask;
    }

    public Task Reprioritise(string interactionId, int priority)
    {
        var definition = RequireDefinition();
        WaitingEntry Rescored(WaitingEntry entry) => entry with
        {
            Priority = priority,
            EffectiveArrival = PriorityScore.EffectiveArrival(entry.Arrival, priority, definition.PriorityWeight),
        };
        if (_line.TryGet(interactionId, out var waiting))
        {
            _line.Replace(Rescored(waiting));
            ScheduleDispatch();
        }
        else if (State.Offered.TryGetValue(interactionId, out var offered))
        {
            State.Offered[interactionId] = offered with { Entry = Rescored(offered.Entry) };
        }
        else
        {
            return Task.CompletedTask;
        }
        _writer.Schedule();
        StatisticsChanged();
        return Task.CompletedTask;
    }

    public Task Remove(string interactionId, QueueExit exit)
    {
        var since = _line.TryRemove(interactionId, out var waiting) ? waiting.WaitingSince : (DateTimeOffset?)null;
        if (State.Offered.Remove(interactionId, out var offered))
        {
            since ??= offered.Entry.WaitingSince;
        }
        if (since is { } waitingSince)
        {
            RecordExit(exit, waitingSince);
            _writer.Schedule();
        }
        return Task.CompletedTask;
    }

    public Task<QueueCandidate?> PeekFor(AgentCandidate agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var entry = BestFor(agent, DateTimeOffset.MaxValue);
        return Task.FromResult(entry is null ? null : new QueueCandidate
        {
            QueueId = _queueId,
            InteractionId = entry.InteractionId,
            Channel = entry.Channel,
            EffectiveArrival = entry.EffectiveArrival,
        });
    }

    public Task<Claim?> ClaimBestFor(AgentCandidate agent, DateTimeOffset notAfter)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var entry = BestFor(agent, notAfter);
        if (entry is null)
        {
            return Task.FromResult<Claim?>(null);
        }
        _line.TryRemove(entry.InteractionId, out _);
        State.Offered[entry.InteractionId] = new OfferedEntry(entry, agent.AgentId, Now);
        _writer.Schedule();
        StatisticsChanged();
        return Task.FromResult<Claim?>(new Claim(entry, OfferTerms(State.Definition!, agent)));
    }

    /// <summary>The best waiting interaction the agent may take, if it scores no worse than <paramref name="notAfter"/>.</summary>
    private WaitingEntry? BestFor(AgentCandidate agent, DateTimeOffset notAfter)
    {
        if (State.Definition is null || !_members.Contains(agent.AgentId))
        {
            return null;
        }
        var now = Now;
        var entry = _line.FindFirst(e => e.EffectiveArrival > notAfter || (agent.HasFree(e.Channel) && e.IsEligible(agent.AgentId, agent.Skills, now)));
        return entry is null || entry.EffectiveArrival > notAfter ? null : entry;
    }

    public Task AgentAvailabilityChanged(AgentCandidate agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (UpdateIndex(agent) && _line.Count > 0)
        {
            ScheduleDispatch();
        }
        return Task.CompletedTask;
    }

    /// <summary>Records the agent's availability unless a newer one is known. True when it is now in
    /// the index of available agents.</summary>
    private bool UpdateIndex(AgentCandidate agent)
    {
        if (_agentVersions.TryGetValue(agent.AgentId, out var seen) && seen >= agent.Version)
        {
            return false;
        }
        _agentVersions[agent.AgentId] = agent.Version;
        TrackMember(agent);
        if (agent.IsAvailable && _members.Contains(agent.AgentId))
        {
            _available.Set(agent);
            return true;
        }
        _available.Remove(agent.AgentId);
        return false;
    }

    private QueueDefinition RequireDefinition() => State.Definition
        ?? throw new RoutingException(RoutingError.NotFound, $"queue '{_queueId}' does not exist in tenant '{_tenantId}'");

    private WaitingEntry NewEntry(EnqueueRequest request, QueueDefinition definition)
    {
        // Transferred-in work keeps its arrival (its place by score) unless this queue says it arrives anew.
        var arrival = request.Transferred && !definition.TransferKeepsArrivalTime ? Now : PriorityScore.ClampArrival(request.Arrival, Now);
        var entry = new WaitingEntry
        {
            InteractionId = request.InteractionId,
            Channel = request.Channel,
            Arrival = arrival,
            EnteredQueue = EnteredAt(request, arrival),
            Priority = request.Priority,
            EffectiveArrival = PriorityScore.EffectiveArrival(arrival, request.Priority, definition.PriorityWeight),
            Requirements = SkillEscalation.Merge(definition.RequiredSkills.Concat(request.RequiredSkills)),
            Sequence = State.NextSequence++,
            Exclusions = [.. request.Exclusions.Where(e => e.Until > Now)],
        };
        return WithEligibilityOverTime(entry, request, definition);
    }

    /// <summary>When a new entry of this line entered it: a rejoin whose place was lost waits on from when it
    /// first entered (so its wait here is not cut short), new work from its arrival, and work from another
    /// queue or agent (moved, overflowed, transferred in) from now, so this queue's waits leave out the time
    /// spent elsewhere.</summary>
    private DateTimeOffset EnteredAt(EnqueueRequest request, DateTimeOffset arrival) => request switch
    {
        { Reason: EnqueueReason.Rejoin, Transferred: false } => PriorityScore.ClampArrival(request.EnteredQueue ?? arrival, Now),
        { Reason: EnqueueReason.New } => arrival,
        _ => Now,
    };

    /// <summary>The queue's timers for an offer to <paramref name="agent"/> (its own wrap-up time when it has one).</summary>
    private OfferRequest OfferTerms(QueueDefinition definition, AgentCandidate agent) => new()
    {
        AgentId = agent.AgentId,
        QueueId = _queueId,
        OfferTimeout = definition.OfferTimeout,
        ReofferDelay = definition.ReofferDelay,
        WrapUpTime = agent.WrapUpTime ?? definition.WrapUpTime,
        MaxWrapUpExtension = definition.MaxWrapUpExtension,
        QueueWrapUpTime = definition.WrapUpTime,
    };
}
