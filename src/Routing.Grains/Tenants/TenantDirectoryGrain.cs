using Routing.Abstractions;

namespace Routing.Grains.Tenants;

/// <summary>The ids of every configured tenant, stored.</summary>
internal sealed class TenantDirectoryGrain(
    [PersistentState("tenant-directory", RoutingSiloBuilderExtensions.StorageName)] IPersistentState<TenantDirectoryState> state)
    : Grain, ITenantDirectoryGrain
{
    public async Task Register(string tenantId)
    {
        RoutingException.ThrowIfInvalidId("tenant", tenantId);
        if (state.State.TenantIds.Add(tenantId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<string[]> GetTenants() => Task.FromResult(state.State.TenantIds.Order(StringComparer.Ordinal).ToArray());
}

/// <summary>The tenant directory's stored state.</summary>
[GenerateSerializer, Alias("routing.tenant-directory-state")]
public sealed class TenantDirectoryState
{
    [Id(0)] public HashSet<string> TenantIds { get; set; } = new(StringComparer.Ordinal);
}
