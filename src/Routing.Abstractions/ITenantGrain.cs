using Routing.Abstractions.Configuration;

namespace Routing.Abstractions;

/// <summary>A tenant (keyed by tenant id): its configuration and directory. Applying a large tenant
/// configures every queue and agent, so those calls may take longer than the cluster's grain call timeout.</summary>
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Validates the whole configuration (every problem reported at once) and applies it to
    /// the tenant's queues and agents. Idempotent. It is stored as pending before any queue or agent
    /// changes and as applied once all have it, so when a call inside fails the apply throws, the
    /// configuration stays pending, and applying it again completes it.</summary>
    [ResponseTimeout("00:10:00")]
    Task Apply(TenantConfiguration configuration);

    /// <summary>The newest configuration (see <see cref="GetConfigurationStatus"/>); answers while an apply runs.</summary>
    [AlwaysInterleave]
    Task<TenantConfiguration?> GetConfiguration();

    /// <summary>The newest configuration and whether its apply is still pending; answers while an apply runs.</summary>
    [AlwaysInterleave]
    Task<TenantConfigurationStatus> GetConfigurationStatus();

    /// <summary>Wakes every queue of the tenant after a silo was lost.</summary>
    [ResponseTimeout("00:10:00")]
    Task Recover();

    /// <summary>Adds or replaces one queue (by id) in the configuration and applies the result, validated
    /// as a whole. NotFound when the tenant has no configuration yet.</summary>
    [ResponseTimeout("00:10:00")]
    Task<TenantConfiguration> PutQueue(QueueDefinition queue);

    /// <summary>Adds or replaces one agent (by id) in the configuration and applies the result, validated
    /// as a whole. NotFound when the tenant has no configuration yet.</summary>
    [ResponseTimeout("00:10:00")]
    Task<TenantConfiguration> PutAgent(AgentDefinition agent);
}
