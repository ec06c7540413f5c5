using Microsoft.Extensions.Logging;
using Routing.Abstractions;
using Routing.Abstractions.Configuration;
using Routing.Abstractions.EntryPoints;
using Routing.Abstractions.Protocol;

namespace Routing.Grains.Tenants;

/// <summary>A tenant: validates its configuration and hands each queue and agent its part.</summary>
internal sealed class TenantGrain(
    [PersistentState("tenant", RoutingSiloBuilderExtensions.StorageName)] IPersistentState<TenantState> state,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain, ITenantRecovery
{
    /// <summary>Configure calls in flight at once: enough to keep every silo busy, few enough that a large
    /// tenant does not queue its whole configuration as messages at once.</summary>
    private const int MaxCallsInFlight = 64;

    // Entry points by id and address, made from the configuration they came from at the first decision after it changed.
    private Dictionary<string, EntryPointDefinition>? _entryLookup;
    private TenantConfiguration? _entryLookupOf;

    public async Task Apply(TenantConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var tenantId = this.GetPrimaryKeyString();
        var what = $"tenant '{tenantId}' configuration";
        RoutingException.ThrowIfProblems(TenantConfigurationRules.Problems(configuration, tenantId), what);
        var queuesByAgent = TenantConfigurationRules.QueuesByAgent(configuration);
        RoutingException.ThrowIfProblems(TenantConfigurationRules.MembershipProblems(queuesByAgent), what);

        // What an earlier configuration had (also one whose apply was interrupted) and this one has not.
        TenantConfiguration?[] earlier = [state.State.Configuration, state.State.Applying];
        var removedQueues = Removed(earlier.SelectMany(c => c?.Queues.Select(q => q.QueueId) ?? []), configuration.Queues.Select(q => q.QueueId));
        var removedAgents = Removed(earlier.SelectMany(c => c?.Agents.Select(a => a.AgentId) ?? []), configuration.Agents.Select(a => a.AgentId));
        await RequireEmptyAsync(tenantId, removedQueues);

        // Stored as pending before any queue or agent changes, so what is stored never claims less than is live.
        state.State.Applying = configuration;
        await state.WriteStateAsync();
        try
        {
            await ConfigureAllAsync(tenantId, configuration, queuesByAgent, removedQueues, removedAgents);
        }
        catch (RoutingException e)
        {
            throw new RoutingException(e.Error, $"{e.Message}; the configuration is applied in part (GetConfiguration shows it pending): once that is resolved, apply it again to complete it");
        }

        state.State.Configuration = configuration;
        state.State.Applying = null;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).Register(tenantId);
        await GrainFactory.HistoryRetention(tenantId).Schedule(configuration.HistoryRetentionDays);
        GrainLog.TenantConfigured(logger, tenantId, configuration.Queues.Length, configuration.Agents.Length);
    }

    private async Task ConfigureAllAsync(
        string tenantId, TenantConfiguration configuration, Dictionary<string, string[]> queuesByAgent, string[] removedQueues, string[] removedAgents)
    {
        var members = configuration.Queues.ToDictionary(q => q.QueueId, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (agentId, queueIds) in queuesByAgent)
        {
            foreach (var queueId in queueIds)
            {
                members[queueId].Add(agentId);
            }
        }

        // Queues first, so agents announcing themselves find their queues configured.
        await InParallel(configuration.Queues, q => GrainFactory.QueueRouting(tenantId, q.QueueId).Configure(q, [.. members[q.QueueId]], configuration.TimeZone));
        members.Clear();
        await InParallel(configuration.Agents, a => GrainFactory.AgentRouting(tenantId, a.AgentId).Configure(
            new AgentSettings(a, queuesByAgent[a.AgentId], configuration.NoAnswerThreshold, configuration.VoiceIsExclusive, configuration.TimeZone)));

        // Removed agents go offline and forget their queues; then the removed (empty) queues close.
        await InParallel(removedAgents, a => GrainFactory.AgentRouting(tenantId, a).Retire());
        await InParallel(removedQueues, q => GrainFactory.QueueRouting(tenantId, q).Retire());
    }

    public Task<TenantConfiguration?> GetConfiguration() => Task.FromResult(state.State.Applying ?? state.State.Configuration);

    public Task<PersonalDataPolicy> GetPersonalDataPolicy() =>
        Task.FromResult((state.State.Applying ?? state.State.Configuration)?.PersonalData ?? PersonalDataPolicy.Default);

    public Task<EntryDecision?> DecideEntry(EntryCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var configuration = state.State.Applying ?? state.State.Configuration;
        if (configuration is null)
        {
            return Task.FromResult<EntryDecision?>(null);
        }
        if (!ReferenceEquals(_entryLookupOf, configuration))
        {
            (_entryLookup, _entryLookupOf) = (EntryPointRules.ByAddress(configuration), configuration);
        }
        return Task.FromResult(_entryLookup!.GetValueOrDefault(call.Entry)?.Decide(call));
    }

    public Task<TenantConfigurationStatus> GetConfigurationStatus() =>
        Task.FromResult(new TenantConfigurationStatus(state.State.Applying ?? state.State.Configuration, state.State.Applying is not null));

    public Task Recover()
    {
        var tenantId = this.GetPrimaryKeyString();
        return InParallel((state.State.Applying ?? state.State.Configuration)?.Queues ?? [], q => GrainFactory.QueueRouting(tenantId, q.QueueId).Recover());
    }

    public Task<TenantConfiguration> PutQueue(QueueDefinition queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        return ChangeAsync(c => c with { Queues = Replace(c.Queues, queue, q => q.QueueId == queue.QueueId) });
    }

    public Task<TenantConfiguration> PutAgent(AgentDefinition agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return ChangeAsync(c => c with { Agents = Replace(c.Agents, agent, a => a.AgentId == agent.AgentId) });
    }

    /// <summary>Applies <paramref name="change"/> to the current configuration (validated as a whole).</summary>
    private async Task<TenantConfiguration> ChangeAsync(Func<TenantConfiguration, TenantConfiguration> change)
    {
        var updated = change(RequireConfiguration());
        await Apply(updated);
        return updated;
    }

    private TenantConfiguration RequireConfiguration() => state.State.Applying ?? state.State.Configuration
        ?? throw new RoutingException(RoutingError.NotFound, $"tenant '{this.GetPrimaryKeyString()}' has no configuration yet; apply a whole one first");

    /// <summary><paramref name="items"/> with the one matching replaced by <paramref name="item"/> in place, or it appended.</summary>
    private static T[] Replace<T>(T[] items, T item, Func<T, bool> matches)
    {
        var index = Array.FindIndex(items, x => matches(x));
        return index < 0 ? [.. items, item] : [.. items[..index], item, .. items[(index + 1)..]];
    }

    private static string[] Removed(IEnumerable<string>? before, IEnumerable<string> after) =>
        before is null ? [] : [.. before.Except(after, StringComparer.Ordinal)];

    /// <summary>A queue may leave the configuration only when no interaction waits or rings in it: they
    /// would be stranded. Checked before anything changes, so a refused apply changes nothing.</summary>
    private async Task RequireEmptyAsync(string tenantId, string[] queueIds)
    {
        var snapshots = await Task.WhenAll(queueIds.Select(q => GrainFactory.Queue(tenantId, q).GetSnapshot()));
        var busy = snapshots.Where(s => s.Waiting.Length + s.Offered.Count > 0)
            .Select(s => $"queue '{s.QueueId}' still has {s.Waiting.Length + s.Offered.Count} waiting or ringing interaction(s)")
            .ToList();
        if (busy.Count > 0)
        {
            throw new RoutingException(RoutingError.FailedPrecondition,
                $"the configuration removes queues that hold work; move it to other queues first (SupervisorService.MoveInteraction): {string.Join("; ", busy)}");
        }
    }

    /// <summary>Calls <paramref name="call"/> for every item, at most <see cref="MaxCallsInFlight"/> at a time
    /// (a new one starts as soon as one ends); every item is tried, then the first failure is thrown.</summary>
    private static async Task InParallel<T>(IReadOnlyList<T> items, Func<T, Task> call)
    {
        using var slots = new SemaphoreSlim(MaxCallsInFlight);
        var calls = new List<Task>(items.Count);
        foreach (var item in items)
        {
            await slots.WaitAsync();
            calls.Add(CallAndRelease(item));
        }
        await Task.WhenAll(calls);

        async Task CallAndRelease(T item)
        {
            try
            {
                await call(item);
            }
            finally
            {
                slots.Release();
            }
        }
    }
}
