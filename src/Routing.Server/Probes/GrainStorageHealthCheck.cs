using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Routing.Server.Probes;

/// <summary>Ready while the grain storage answers: without it no call can be acknowledged (creates, offers and
/// accepts are stored first), so a silo cut off from it should receive no new work.</summary>
internal sealed class GrainStorageHealthCheck(GrainStorageProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problem = await probe.ProblemAsync(cancellationToken);
        return problem is null ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(problem);
    }
}
