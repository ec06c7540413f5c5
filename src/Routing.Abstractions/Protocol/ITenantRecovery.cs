namespace Routing.Abstractions.Protocol;

/// <summary>
/// The tenant's part in the cluster's recovery (keyed by tenant id, implemented by the tenant grain beside
/// <see cref="ITenantGrain"/>): the silo that leads recovery after a silo was lost wakes every tenant
/// through it. Only the cluster calls it.
/// </summary>
[Alias("routing.tenant-recovery")]
public interface ITenantRecovery : IGrainWithStringKey
{
    /// <summary>Wakes every queue of the tenant after a silo was lost.</summary>
    [ResponseTimeout("00:10:00")]
    [Alias("Recover")]
    Task Recover();
}
