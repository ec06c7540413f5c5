using Microsoft.Extensions.Diagnostics.HealthChecks;
using Routing.History;

namespace Routing.Server.Probes;

/// <summary>Reports whether the history store answers, as Degraded (still serving) when it does not: routing never
/// waits for history (the recorder keeps and retries what it could not write), and one shared database's outage must
/// not take every silo out of service at once.</summary>
internal sealed class HistoryStoreHealthCheck(IServiceProvider services) : IHealthCheck
{
    /// <summary>A tenant id no tenant can have (ids are letters, digits, '-', '_' and '.'), so the count reads no rows.</summary>
    private const string NoTenant = "~readiness";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // The recorder is absent when History:Enabled is false; the store is not, since reports and the event feed
        // register it for their reads, and probing its default file would report a store nobody writes to as down.
        if (services.GetService<IHistoryRecorder>() is null || services.GetService<IHistoryStore>() is not { } store)
        {
            return HealthCheckResult.Healthy("history is off");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await store.CountAsync(NoTenant, timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded($"the history store did not answer: {e.Message}");
        }
    }
}
