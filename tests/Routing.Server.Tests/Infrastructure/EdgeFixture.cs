using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Routing.Abstractions.Configuration;
using Routing.Core;
using Routing.Server;
using Routing.Server.Centre;
using Routing.Server.Edge;

namespace Routing.Server.Tests.Infrastructure;

/// <summary>
/// The real server (silo + gRPC edge) on 127.0.0.1 with free ports, memory storage and a small test
/// centre: tenant "acme" (queue "sales", agents "ann" and "bob") and tenant "globex" (queue "sales",
/// agent "gus"). Shared by the whole "edge" collection; tests use fresh ids so they do not interfere.
/// </summary>
public sealed class EdgeFixture : IAsyncLifetime
{
    /// <summary>Rate limit of the test server: a burst of this many calls per caller.</summary>
    public const int RateLimitBurst = 100;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"routing-edge-{Guid.NewGuid():N}");
    private WebApplication? _app;

    public GrpcChannel Channel { get; private set; } = null!;

    public string SigningKey { get; } = $"test-signing-key-{Guid.NewGuid():N}";

    public Uri Address { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var centreFile = Path.Combine(_directory, "centre.json");
        await File.WriteAllTextAsync(centreFile, JsonSerializer.Serialize(Centre(), CentreConfigurationFile.SerializerOptions));
        var port = FreePort();
        Address = new Uri($"http://127.0.0.1:{port}");
        _app = RoutingServerHost.Build(
        [
            $"--Kestrel:Endpoints:Http:Url={Address}",
            "--Kestrel:Endpoints:Http:Protocols=Http2",
            $"--Routing:CentreFile={centreFile}",
            $"--Routing:Silo:SiloPort={FreePort()}",
            $"--Routing:Silo:GatewayPort={FreePort()}",
            $"--Routing:Edge:Auth:SigningKey={SigningKey}",
            "--Routing:Edge:RateLimit:TokenLimit=" + RateLimitBurst,
            "--Routing:Edge:RateLimit:TokensPerPeriod=" + RateLimitBurst,
            "--Routing:Edge:RateLimit:ReplenishmentPeriod=00:00:01",
            // Short, so the grace-expiry test runs in seconds (the default is 30 s).
            "--Routing:Edge:Agents:SessionGracePeriod=00:00:02",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Routing=Warning",
        ]);
        await _app.StartAsync();
        Channel = GrpcChannel.ForAddress(Address);
    }

    public async ValueTask DisposeAsync()
    {
        Channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A valid token for an hour.</summary>
    public string Token(string tenant, string[] roles, string? agentId = null) =>
        DevTokens.Mint(SigningKey, tenant, roles, agentId, TimeSpan.FromHours(1));

    /// <summary>Call options carrying a valid token, with a deadline that fails a hung test.</summary>
    public CallOptions As(string tenant, string[] roles, string? agentId = null) =>
        WithToken(Token(tenant, roles, agentId));

    /// <summary>Call options carrying <paramref name="token"/> as is (null: no token).</summary>
    public static CallOptions WithToken(string? token) => new(
        headers: token is null ? [] : new Metadata { { "Authorization", $"Bearer {token}" } },
        deadline: DateTime.UtcNow.AddSeconds(30));

    private static CentreConfiguration Centre() => new()
    {
        Tenants =
        [
            Tenant("acme", "ann", "bob"),
            Tenant("globex", "gus"),
        ],
    };

    private static TenantConfiguration Tenant(string tenantId, params string[] agents) => new()
    {
        TenantId = tenantId,
        Queues = [new QueueDefinition { QueueId = "sales", RequiredSkills = [new SkillRequirement("sales", 1)], WrapUpTime = TimeSpan.Zero }],
        Agents = [.. agents.Select(a => new AgentDefinition { AgentId = a, Skills = [new SkillLevel("sales", 3)], Endpoint = $"sip:{a}@{tenantId}.example" })],
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
