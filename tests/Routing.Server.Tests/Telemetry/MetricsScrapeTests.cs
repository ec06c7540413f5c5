using System.Net;
using Grpc.Core;
using Routing.Contracts.V1;
using Routing.Server.Tests.Client;

namespace Routing.Server.Tests.Telemetry;

/// <summary>The Prometheus scrape endpoint: the figures an SRE watches move as calls are routed through the edge, labelled by
/// tenant and queue only; the endpoint is on its own port and nowhere else.</summary>
public sealed class MetricsScrapeTests(TelemetryFixture fixture) : IClassFixture<TelemetryFixture>
{
    private const string Queue = "sales";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The labels the routing metrics may carry: bounded sets only (OpenTelemetry's scope labels, histogram buckets).</summary>
    private static readonly HashSet<string> AllowedLabels =
    [
        "routing_tenant", "routing_queue", "routing_agent_state", "routing_state", "routing_history_provider", "error_type",
        "rpc_system", "rpc_method", "rpc_response_status_code", "le", "otel_scope_name", "otel_scope_version",
    ];

    [Fact]
    public async Task Scrape_CallsRoutedAndAbandoned_CountersHistogramsAndGaugesMoveForTheirTenantAndQueue_NoIdAsLabel()
    {
        var interactions = new InteractionService.InteractionServiceClient(fixture.Channel);
        var gateway = fixture.As(["gateway"]);
        var before = await fixture.ScrapeAsync();
        using var agentClient = fixture.AgentClient();
        await using var agent = await agentClient.OpenAgentSessionAsync(cancellationToken: Cancel);
        await agent.SetReadyAsync(Cancel);

        // One call routed: created, offered, accepted, ended.
        var routed = $"call-{Guid.NewGuid():N}";
        await interactions.CreateAsync(new CreateInteractionRequest { InteractionId = routed, QueueId = Queue }, gateway);
        await SessionEvents.OfferOf(agent, routed);
        await agent.AcceptAsync(routed, Cancel);
        await agent.EndAsync(routed, Cancel);
        // One call waits (the agent is on a break), then the customer hangs up.
        await agent.SetNotReadyAsync("break", Cancel);
        var abandoned = $"call-{Guid.NewGuid():N}";
        await interactions.CreateAsync(new CreateInteractionRequest { InteractionId = abandoned, QueueId = Queue }, gateway);
        var waiting = await fixture.ScrapeAsync();
        await interactions.HangupAsync(new HangupRequest { InteractionId = abandoned }, gateway);
        // A refused call: NOT_FOUND at the edge.
        var unknown = await Assert.ThrowsAsync<RpcException>(async () =>
            await interactions.GetAsync(new GetInteractionRequest { InteractionId = $"nope-{Guid.NewGuid():N}" }, gateway));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        var after = await fixture.ScrapeAsync();

        (string, string)[] queue = [("routing_tenant", fixture.TenantId), ("routing_queue", Queue)];
        Assert.Equal(2, Moved("routing_interactions_created_total", queue));
        Assert.Equal(1, Moved("routing_interactions_routed_total", queue));
        Assert.Equal(1, Moved("routing_interactions_abandoned_total", queue));
        Assert.Equal(0, Moved("routing_interactions_overflowed_total", queue));
        Assert.Equal(1, Moved("routing_offer_latency_seconds_count", queue));
        Assert.InRange(Moved("routing_offer_latency_seconds_sum", queue), 0, 30);
        Assert.Equal(1, waiting.Value("routing_queue_waiting", queue));
        Assert.Contains(waiting.Samples, s => s.Name == "routing_queue_longest_wait_seconds" && s.Labels["routing_tenant"] == fixture.TenantId);
        Assert.Equal(0, after.Value("routing_queue_waiting", queue));
        Assert.Equal(0, after.Value("routing_queue_longest_wait_seconds", queue));
        Assert.Equal(1, after.Value("routing_agents", ("routing_tenant", fixture.TenantId), ("routing_agent_state", "not_ready")));
        Assert.Equal(0, after.Value("routing_agents", ("routing_tenant", fixture.TenantId), ("routing_agent_state", "busy")));
        (string, string) create = ("rpc_method", "routing.v1.InteractionService/Create");
        Assert.Equal(2, Moved("rpc_server_calls_total", create, ("rpc_response_status_code", "OK")));
        Assert.Equal(2, Moved("rpc_server_call_duration_seconds_count", create, ("rpc_response_status_code", "OK")));
        Assert.Equal(1, Moved("rpc_server_calls_total", ("rpc_method", "routing.v1.InteractionService/Get"), ("rpc_response_status_code", "NOT_FOUND")));
        // The tenant's configuration was written to the grain storage at start-up.
        Assert.True(after.Value("routing_grain_state_write_duration_seconds_count", ("routing_state", "tenant")) > 0);

        // Cardinality: no interaction, agent or session id anywhere, and only bounded labels on the routing metrics.
        foreach (var id in new[] { routed, abandoned, fixture.AgentId, agent.SessionId })
        {
            Assert.DoesNotContain(id, after.Text, StringComparison.Ordinal);
        }
        var routingLabels = after.Samples.Where(s => s.Name.StartsWith("routing_", StringComparison.Ordinal) || s.Name.StartsWith("rpc_", StringComparison.Ordinal))
            .SelectMany(s => s.Labels.Keys).ToHashSet();
        Assert.Subset(AllowedLabels, routingLabels);

        double Moved(string name, params (string, string)[] labels) => after.Value(name, labels) - before.Value(name, labels);
    }

    [Fact]
    public async Task Scrape_AfterAnEdgeCall_ShowsOrleansAspNetCoreRuntimeAndProcessMeters()
    {
        // ASP.NET Core records a request once it has ended: one through the edge first.
        var health = await new Grpc.Health.V1.Health.HealthClient(fixture.Channel).CheckAsync(new Grpc.Health.V1.HealthCheckRequest(), cancellationToken: Cancel);
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

        string[] prefixes = ["orleans_", "http_server_request_duration", "kestrel_", "dotnet_", "process_cpu_time", "routing_history_"];

        // A bounded poll: the server records a request only as it ends, which may be just after the caller has its answer.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string[] missing;
        do
        {
            var families = (await fixture.ScrapeAsync()).Families;
            missing = [.. prefixes.Where(prefix => !families.Any(f => f.StartsWith(prefix, StringComparison.Ordinal)))];
        }
        while (missing.Length > 0 && DateTime.UtcNow < deadline);

        Assert.Empty(missing);
        // Grain calls are counted only when asked for (Telemetry:GrainCalls).
        Assert.DoesNotContain((await fixture.ScrapeAsync()).Families, f => f.StartsWith("routing_grain_calls", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MetricsPath_OnTheGrpcPort_NotFound_AndTheScrapePortServesNothingElse()
    {
        using var http = new HttpClient(new SocketsHttpHandler()) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var onGrpcPort = await http.GetAsync(new Uri(fixture.Address, "/metrics"), Cancel);
        using var healthOnScrapePort = await fixture.Http.GetAsync(new Uri(fixture.Metrics, "/healthz"), Cancel);
        using var grpcOnScrapePort = await fixture.Http.PostAsync(new Uri(fixture.Metrics, "/routing.v1.InteractionService/Get"), new ByteArrayContent([]), Cancel);
        using var scrape = await fixture.Http.GetAsync(fixture.Metrics, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, onGrpcPort.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, healthOnScrapePort.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, grpcOnScrapePort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }
}
