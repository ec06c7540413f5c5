using Routing.Abstractions.Configuration;

namespace Routing.Abstractions;

/// <summary>A tenant (keyed by tenant id): its configuration and directory.</summary>
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Validates the whole configuration (every problem reported at once) and applies it to
    /// the tenant's queues and agents. Idempotent.</summary>
    Task Apply(TenantConfiguration configuration);

    [ReadOnly]
    Task<TenantConfiguration?> GetConfiguration();

    /// <summary>Wakes every queue of the tenant after a silo was lost.</summary>
    Task Recover();

    /// <summary>Adds or replaces one queue (by id) in the configuration and applies the result, validated
    /// as a whole. NotFound when the tenant has no configuration yet.</summary>
    Task<TenantConfiguration> PutQueue(QueueDefinition queue);

    /// <summary>Adds or replaces one agent (by id) in the configuration and applies the result, validated
    /// as a whole. NotFound when the tenant has no configuration yet.</summary>
    Task<TenantConfiguration> PutAgent(AgentDefinition agent);
}
