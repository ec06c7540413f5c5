using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Routing.Abstractions;
using Routing.Configuration;

namespace Routing.Server.Centre;

/// <summary>
/// Applies every tenant of the centre file to the cluster at start-up. Registered after
/// <c>UseOrleans</c>, so it starts once the silo is active (hosted services start in registration
/// order), and before the web server, so nothing is served before the centre is configured.
/// </summary>
/// <remarks>A tenant the grains refuse is logged with their reason and stops start-up: the
/// <see cref="RoutingException"/> leaves <see cref="StartAsync"/> and the host exits non-zero.</remarks>
public sealed class CentreLoader(IGrainFactory grainFactory, IOptions<RoutingServerOptions> options, ILogger<CentreLoader> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.CentreFilePath;
        var centre = CentreConfigurationFile.Load(path);
        foreach (var tenant in centre.Tenants)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await grainFactory.Tenant(tenant.TenantId).Apply(tenant);
            }
            catch (RoutingException e)
            {
                CentreLog.TenantRefused(logger, tenant.TenantId, path, e.Error.ToString(), e.Message);
                throw;
            }
            CentreLog.TenantApplied(logger, tenant.TenantId, tenant.Name ?? tenant.TenantId, tenant.TimeZone,
                tenant.Queues.Length, string.Join(", ", tenant.Queues.Select(q => q.QueueId)), tenant.Agents.Length, path);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
