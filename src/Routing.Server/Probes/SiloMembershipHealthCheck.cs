using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Routing.Server.Probes;

/// <summary>Ready while this silo is Active in the cluster's membership and the host is not stopping: a silo that
/// is joining, shutting down or declared dead takes no new work, and on SIGTERM readiness drops before anything stops.</summary>
internal sealed class SiloMembershipHealthCheck(
    IClusterMembershipService membership, ILocalSiloDetails localSilo, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the server is shutting down"));
        }
        var status = membership.CurrentSnapshot.GetSiloStatus(localSilo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"the silo is {status} in the cluster membership, not Active"));
    }
}
