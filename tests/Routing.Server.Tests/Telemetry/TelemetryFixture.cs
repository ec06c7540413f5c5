using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using OpenTelemetry.Trace;
using Routing.Abstractions.Configuration;
using Routing.Configuration;
using Routing.Contracts.Security;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Telemetry;

/// <summary>
/// A server of its own (so the figures it exports move only with the tests' calls) with one tenant and one agent of fresh
/// ids, traces kept for every call (sample ratio 1) and captured where an exporter would send them (<see cref="Spans"/>).
/// </summary>
public sealed class TelemetryFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"routing-telemetry-{Guid.NewGuid():N}");
    private readonly string _signingKey = $"test-signing-key-{Guid.NewGuid():N}";
    private WebApplication? _app;

    public string TenantId { get; } = $"tenant-{Guid.NewGuid():N}"[..20];

    public string AgentId { get; } = $"agent-{Guid.NewGuid():N}"[..20];

    public SpanCapture Spans { get; } = new();

    public GrpcChannel Channel { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    /// <summary>The Prometheus scrape endpoint: its own port, on the edge's address.</summary>
    public Uri Metrics { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var centreFile = Path.Combine(_directory, "centre.json");
        var centre = new CentreConfiguration { Tenants = [TestServer.Tenant(TenantId, [AgentId])] };
        await File.WriteAllTextAsync(centreFile, JsonSerializer.Serialize(centre, CentreConfigurationFile.SerializerOptions));
        (_app, Address, _, _) = await TestServer.StartAsync(
            [$"--Routing:Edge:Auth:SigningKey={_signingKey}", "--Telemetry:Tracing:Enabled=true", "--Telemetry:Tracing:SampleRatio=1"],
            centreFile, primarySiloPort: 0,
            services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(Spans)));
        Metrics = new Uri($"http://127.0.0.1:{_app.Configuration["Telemetry:Prometheus:Port"]}/metrics");
        Channel = GrpcChannel.ForAddress(Address);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await TestServer.StopAsync(_app, Channel, _directory);
    }

    public Task<PrometheusScrape> ScrapeAsync() => PrometheusScrape.ReadAsync(Http, Metrics, TestContext.Current.CancellationToken);

    /// <summary>Call options with a valid token of this tenant, extra headers and a deadline that fails a hung test.</summary>
    public CallOptions As(string[] roles, string? agentId = null, params (string Key, string Value)[] headers)
    {
        var metadata = new Metadata { { "Authorization", $"Bearer {DevTokens.Mint(_signingKey, TenantId, roles, agentId, TimeSpan.FromHours(1))}" } };
        foreach (var (key, value) in headers)
        {
            metadata.Add(key, value);
        }
        return new CallOptions(metadata, DateTime.UtcNow.AddSeconds(30));
    }

    /// <summary>A Routing.Client agent client for this tenant's agent.</summary>
    public Routing.Client.RoutingClient AgentClient() =>
        new(TestServer.ClientOptions(DevTokens.Mint(_signingKey, TenantId, ["agent"], AgentId, TimeSpan.FromHours(1)), [Address]));
}
