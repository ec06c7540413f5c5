namespace Routing.Abstractions;

/// <summary>The ids of every configured tenant (one grain, key <see cref="Key"/>), so the cluster can wake
/// every tenant's queues after a silo is lost.</summary>
[Alias("routing.tenant-directory")]
public interface ITenantDirectoryGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>Adds a tenant (idempotent); stored before it returns.</summary>
    [Alias("Register")]
    Task Register(string tenantId);

    [ReadOnly]
    [Alias("GetTenants")]
    Task<string[]> GetTenants();
}
