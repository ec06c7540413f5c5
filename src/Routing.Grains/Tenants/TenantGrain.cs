using Microsoft.Extensions.Logging;
using Routing.Abstractions;
using Routing.Abstractions.Configuration;

namespace Routing.Grains.Tenants;

/// <summary>A tenant: validates its configuration and hands each queue and agent its part.</summary>
internal sealed class TenantGrain(
    [PersistentState("tenant", RoutingSiloBuilderExtensions.StorageName)] IPersistentState<TenantState> state,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain
{
    /// <summary>Configure calls in flight at once, so a 100,000-agent tenant does not flood the cluster.</summary>
    private const int ConfigureBatchSize = 1_000;

    public async Task Apply(TenantConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var tenantId = this.GetPrimaryKeyString();
        RoutingException.ThrowIfProblems(TenantConfigurationRules.Problems(configuration, tenantId), $"tenant '{tenantId}' configuration");

        var previous = state.State.Configuration;
        var removedQueues = Removed(previous?.Queues.Select(q => q.QueueId), configuration.Queues.Select(q => q.QueueId));
        var removedAgents = Removed(previous?.Agents.Select(a => a.AgentId), configuration.Agents.Select(a => a.AgentId));
        await RequireEmptyAsync(tenantId, removedQueues);

        var queuesByAgent = TenantConfigurationRules.QueuesByAgent(configuration);
        var members = configuration.Queues.ToDictionary(q => q.QueueId, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (agentId, queueIds) in queuesByAgent)
        {
            foreach (var queueId in queueIds)
            {
                members[queueId].Add(agentId);
            }
        }

        // Queues first, so agents announcing themselves find their queues configured.
        await InBatches(configuration.Queues, q => GrainFactory.Queue(tenantId, q.QueueId).Configure(q, [.. members[q.QueueId]], configuration.TimeZone));
        await InBatches(configuration.Agents, a => GrainFactory.Agent(tenantId, a.AgentId).Configure(
            new AgentSettings(a, queuesByAgent[a.AgentId], configuration.NoAnswerThreshold, configuration.VoiceIsExclusive, configuration.TimeZone)));

        // Removed agents go offline and forget their queues; then the removed (empty) queues close.
        await InBatches(removedAgents, a => GrainFactory.Agent(tenantId, a).Retire());
        await InBatches(removedQueues, q => GrainFactory.Queue(tenantId, q).Retire());

        state.State.Configuration = configuration;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).Register(tenantId);
        GrainLog.TenantConfigured(logger, tenantId, configuration.Queues.Length, configuration.Agents.Length);
    }

    public Task<TenantConfiguration?> GetConfiguration() => Task.FromResult(state.State.Configuration);

    public Task Recover()
    {
        var tenantId = this.GetPrimaryKeyString();
        return InBatches(state.State.Configuration?.Queues ?? [], q => GrainFactory.Queue(tenantId, q.QueueId).Recover());
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

    private TenantConfiguration RequireConfiguration() => state.State.Configuration
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

    private static async Task InBatches<T>(IReadOnlyList<T> items, Func<T, Task> configure)
    {
        for (var start = 0; start < items.Count; start += ConfigureBatchSize)
        {
            await Task.WhenAll(items.Skip(start).Take(ConfigureBatchSize).Select(configure));
        }
    }
}
