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
}
