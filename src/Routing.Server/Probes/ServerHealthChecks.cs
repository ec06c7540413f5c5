using Grpc.AspNetCore.HealthChecks;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Routing.Server.Probes;

/// <summary>
/// The gRPC health service's two questions, kept apart so an orchestrator restarts a process only when it is stuck,
/// and sends it work only when it can do it:
/// <list type="bullet">
/// <item><description><see cref="LivenessService"/> (and the unnamed service <c>""</c>): the process answers. Nothing
/// outside the process is asked, so an outage of Redis or the history database never gets silos restarted.</description></item>
/// <item><description><see cref="ReadinessService"/>: this silo is Active in the cluster's membership, not shutting down,
/// and its grain storage answers; the history store is reported (degraded) but does not hold readiness back, because
/// routing never waits for history.</description></item>
/// </list>
/// </summary>
public static class ServerHealthChecks
{
    /// <summary>The gRPC health service name of readiness (a Kubernetes readiness probe's <c>grpc.service</c>).</summary>
    public const string ReadinessService = "routing.readiness";

    /// <summary>The gRPC health service name of liveness; the unnamed service <c>""</c> answers the same.</summary>
    public const string LivenessService = "routing.liveness";

    /// <summary>Readiness over plain HTTP/2 (200 ready, 503 not), for container health checks and load balancers that
    /// do not speak gRPC; the same checks as <see cref="ReadinessService"/>. <c>/healthz</c> stays liveness.</summary>
    public const string ReadinessPath = "/readyz";

    private const string LiveTag = "live";
    private const string ReadyTag = "ready";

    /// <summary>Registers the checks and maps them to the two services.</summary>
    public static IServiceCollection AddServerHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton<GrainStorageProbe>();
        services.AddGrpcHealthChecks(options =>
            {
                options.Services.Clear();
                options.Services.Map("", check => check.Tags.Contains(LiveTag));
                options.Services.Map(LivenessService, check => check.Tags.Contains(LiveTag));
                options.Services.Map(ReadinessService, check => check.Tags.Contains(ReadyTag));
            })
            // Serving once the host runs: the silo and the centre start before the web server does.
            .AddCheck("edge", () => HealthCheckResult.Healthy(), tags: [LiveTag])
            .AddCheck<SiloMembershipHealthCheck>("silo-membership", tags: [ReadyTag])
            .AddCheck<GrainStorageHealthCheck>("grain-storage", tags: [ReadyTag])
            .AddCheck<HistoryStoreHealthCheck>("history-store", tags: [ReadyTag]);
        return services;
    }

    /// <summary>Maps <see cref="ReadinessPath"/>, open to anyone like the gRPC health service.</summary>
    public static void MapReadinessEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks(ReadinessPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous();
}
