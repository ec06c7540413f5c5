using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Routing.Abstractions;
using Routing.Abstractions.Configuration;
using Routing.Abstractions.Interactions;
using Routing.Abstractions.Protocol;
using Routing.Abstractions.Queues;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.Grains.Telemetry;

namespace Routing.Grains.Queues;

/// <summary>
/// A queue: the line, the index of available agents, and routing passes that offer new work to them
/// (QueueGrain.Dispatch.cs). Everything other agents and interactions call here is atomic: each asks
/// <see cref="QueueWork"/> to check and change the line and carries out what it decided, awaiting nothing.
/// </summary>
internal sealed partial class QueueGrain : Grain, IQueueGrain, IQueueRouting
{
    private readonly IPersistentState<QueueState> _state;
    private readonly IPersistentState<QueueMembersState> _storedMembers;
    private readonly TimeProvider _time;
    private readonly ILogger<QueueGrain> _logger;
    private readonly StateWriter<QueueState> _writer;
    private readonly StateWriter<QueueMembersState> _membersWriter;
    private readonly IPersistentState<QueueStatisticsState> _storedStatistics;
    private readonly StateWriter<QueueStatisticsState> _statisticsWriter;
    private readonly string _tenantId;
    private readonly string _queueId;
    private readonly TimeSpan _staleClaimAge;
    private readonly bool _durableState;
    // The line and its rules, made on activation once the stored state is read.
    private QueueWork _work = null!;

    /// <summary>The waiting line the routing pass walks.</summary>
    private WaitingLine Line => _work.Line;

    /// <summary>The index of available agents the routing pass chooses from.</summary>
    private AvailableAgents Available => _work.Available;
    private AgentSelector _selector = new(SelectionStrategy.LongestIdle);

    public QueueGrain(
        [PersistentState("queue", RoutingSiloBuilderExtensions.StorageName)] IPersistentState<QueueState> state,
        [PersistentState("queue-members", RoutingSiloBuilderExtensions.StorageName)] IPersistentState<QueueMembersState> members,
        [PersistentState("queue-statistics", RoutingSiloBuilderExtensions.StorageName)] IPersistentState<QueueStatisticsState> statistics,
        TimeProvider time,
        IOptions<RoutingGrainOptions> options,
        RoutingGrainMetrics metrics,
        ILogger<QueueGrain> logger)
    {
        _state = state;
        _metrics = metrics;
        _storedMembers = members;
        _membersWriter = new StateWriter<QueueMembersState>(members, logger, this.GetPrimaryKeyString() + " (members)", onConflict: this.DeactivateOnIdle);
        _staleClaimAge = options.Value.StaleClaimAge;
        _durableState = options.Value.DurableState;
        _time = time;
        _logger = logger;
        (_tenantId, _queueId) = GrainKeys.Parse(this.GetPrimaryKeyString());
        _gauge = new QueueGauge(_tenantId, _queueId);
        _writer = new StateWriter<QueueState>(state, logger, this.GetPrimaryKeyString(), () => State.Waiting = [.. Line.InOrder()], this.DeactivateOnIdle, options.Value.BackgroundWriteDelay, deferToDeactivation: !options.Value.DurableState);
        _storedStatistics = statistics;
        _statisticsWriter = new StateWriter<QueueStatisticsState>(
            statistics, logger, this.GetPrimaryKeyString() + " (statistics)", () => statistics.State.Counts = _statistics?.Export(), this.DeactivateOnIdle,
            StatisticsWriteWindow, deferToDeactivation: !options.Value.DurableState);
    }

    private QueueState State => _state.State;

    private DateTimeOffset Now => _time.GetUtcNow();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        QueueTerms? terms = null;
        if (State.Definition is { } definition)
        {
            _selector = new AgentSelector(definition.Strategy) { LastChosen = State.RoundRobinCursor };
            ConfigureStatistics();
            terms = TermsOf(definition);
        }
        _work = new QueueWork(State, _staleClaimAge, terms, _storedMembers.State.Members);
        WatchLine();
        // The index of available agents lives in memory only: ask the members to announce themselves.
        foreach (var member in _storedMembers.State.Members)
        {
            _ = GrainFactory.AgentRouting(_tenantId, member).AnnounceAvailability();
        }
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _metrics.Forget(_gauge);
        return Task.WhenAll(_writer.FlushAsync(reason), _statisticsWriter.FlushAsync(reason));
    }

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
        _selector = new AgentSelector(definition.Strategy) { LastChosen = State.RoundRobinCursor };
        var configured = _work.Configure(TermsOf(definition), members);
        LineChanged();
        // The members are stored apart from the line, so both writes are awaited here rather than scheduled.
        await Task.WhenAll(_writer.WriteAsync(), _membersWriter.WriteAsync());
        if (configured.Has(QueueEffects.Route))
        {
            ScheduleDispatch();
        }
    }

    public async Task Retire()
    {
        var retired = _work.Retire();
        if (retired.Refusal == QueueRefusal.NotConfigured)
        {
            return;
        }
        ThrowIfRefused(retired);
        State.Definition = null;
        _storedMembers.State.Members = [];
        await Task.WhenAll(_writer.WriteAsync(), _membersWriter.WriteAsync());
    }

    public Task<QueueSnapshot> GetSnapshot() => Task.FromResult(new QueueSnapshot
    {
        QueueId = _queueId,
        Configured = State.Definition is not null,
        Waiting = [.. Line.InOrder().Select(e => e.InteractionId)],
        Offered = State.Offered.ToDictionary(o => o.Key, o => o.Value.AgentId, StringComparer.Ordinal),
        AvailableAgents = [.. Available.Ids.Order(StringComparer.Ordinal)],
        OldestArrival = Line.Count == 0 ? null : Line.InOrder().Min(e => e.Arrival),
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
        var now = Now;
        var joined = _work.Enqueue(LineRequestOf(request), now);
        ThrowIfRefused(joined);
        var definition = State.Definition!;
        if (joined.Has(QueueEffects.OverflowOnArrival))
        {
            var cause = joined.OverflowedBy == QueueRefusal.Closed ? OverflowCause.Closed : OverflowCause.NoAgents;
            _statistics?.Arrived(now, now);
            CountCreated(request);
            RecordExit(QueueExit.Overflowed, now);
            GrainLog.OverflowedOnArrival(_logger, GrainKeys.Compose(_tenantId, request.InteractionId), _queueId, cause);
            return Task.FromResult(new EnqueueReceipt(0, request.Arrival) { Overflow = definition.Overflow, OverflowNow = cause, Client = definition.Client });
        }
        var entry = joined.Entry!;
        if (!joined.Has(QueueEffects.Joined))
        {
            // Already waiting or ringing: its place, nothing changed.
            return Task.FromResult(new EnqueueReceipt(joined.Position, entry.Arrival) { EnteredQueue = entry.WaitingSince, Client = definition.Client });
        }
        CountCreated(request);
        // Durable: the interaction is acknowledged to its caller only once the stored line holds it
        // (awaiting only this grain's own write keeps the method atomic: the change is already made).
        Carry(joined, now, scheduleWrite: !_durableState);
        var receipt = new EnqueueReceipt(joined.Position, entry.Arrival)
        {
            MaxWait = definition.MaxWait,
            Overflow = definition.Overflow,
            EnteredQueue = entry.WaitingSince,
            Client = definition.Client,
        };
        return _durableState ? WrittenAsync(receipt) : Task.FromResult(receipt);
    }

    private async Task<EnqueueReceipt> WrittenAsync(EnqueueReceipt receipt)
    {
        await _writer.WriteAsync();
        return receipt;
    }

    public Task ReturnToLine(EnqueueRequest request, string agentId, DateTimeOffset excludeUntil)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = Now;
        var returned = _work.ReturnToLine(LineRequestOf(request), agentId, excludeUntil, now);
        ThrowIfRefused(returned);
        Carry(returned, now);
        return Task.CompletedTask;
    }

    public Task<bool> IsConfigured() => Task.FromResult(State.Definition is not null);

    public Task ChangeChannel(string interactionId, Channel channel)
    {
        Carry(_work.ChangeChannel(interactionId, channel), Now);
        return Task.CompletedTask;
    }

    public Task Reprioritise(string interactionId, int priority)
    {
        var rescored = _work.Reprioritise(interactionId, priority);
        ThrowIfRefused(rescored);
        Carry(rescored, Now);
        return Task.CompletedTask;
    }

    public Task Remove(string interactionId, QueueExit exit)
    {
        var removed = _work.Remove(interactionId);
        if (removed.Has(QueueEffects.CountExit))
        {
            RecordExit(exit, removed.Entry!.WaitingSince);
        }
        Carry(removed, Now);
        return Task.CompletedTask;
    }

    public Task<QueueCandidate?> PeekFor(AgentCandidate agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var entry = _work.PeekFor(agent, Now);
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
        return Task.FromResult(TakeBestFor(agent, notAfter));
    }

    public Task<Claim?> ClaimBestOrListen(AgentCandidate agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (TakeBestFor(agent, DateTimeOffset.MaxValue) is { } claim)
        {
            return Task.FromResult<Claim?>(claim);
        }
        RecordAvailability(agent);
        return Task.FromResult<Claim?>(null);
    }

    /// <summary>Takes the best waiting interaction <paramref name="agent"/> can take out of line, if it scores at least
    /// as well as <paramref name="notAfter"/>, and counts its offer.</summary>
    private Claim? TakeBestFor(AgentCandidate agent, DateTimeOffset notAfter)
    {
        var claimed = _work.ClaimBestFor(agent, notAfter, Now);
        if (!Carry(claimed, Now))
        {
            return null;
        }
        CountOffer(claimed.Entry!, Now);
        return new Claim(claimed.Entry!, OfferTerms(State.Definition!, agent));
    }

    public Task AgentAvailabilityChanged(AgentCandidate agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        RecordAvailability(agent);
        return Task.CompletedTask;
    }

    /// <summary>Records the agent's availability and starts a routing pass when it can take waiting work.</summary>
    private void RecordAvailability(AgentCandidate agent)
    {
        if (UpdateIndex(agent))
        {
            ScheduleDispatch();
        }
    }

    /// <summary>Records the agent's availability unless a newer one is known. True when it is now in the index
    /// of available agents and work waits (a routing pass is worth it); the caller decides whether to start one.</summary>
    private bool UpdateIndex(AgentCandidate agent)
    {
        var known = _work.AgentAvailable(agent);
        if (known.Has(QueueEffects.StatisticsChanged))
        {
            StatisticsChanged();
        }
        return known.Has(QueueEffects.Route);
    }

    private QueueDefinition RequireDefinition() => State.Definition
        ?? throw new RoutingException(RoutingError.NotFound, $"queue '{_queueId}' does not exist in tenant '{_tenantId}'");

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
