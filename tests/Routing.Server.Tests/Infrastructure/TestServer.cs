using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Routing.Abstractions.Configuration;
using Routing.Configuration;
using Routing.Core;
using Routing.Server.Centre;
using Routing.Testing;

namespace Routing.Server.Tests.Infrastructure;

/// <summary>Starts the real server (silo + gRPC edge) on 127.0.0.1 with free ports and memory storage.</summary>
public static class TestServer
{
    /// <summary>Rate limit of the test servers: a burst of this many calls per caller.</summary>
    public const int RateLimitBurst = 100;

    /// <summary>
    /// Builds and starts one server. <paramref name="primarySiloPort"/> joins the cluster of an earlier one.
    /// It serves gRPC over HTTP/2 at <c>Address</c> and gRPC-Web over HTTP/1.1 at <c>WebAddress</c>.
    /// </summary>
    public static async Task<(WebApplication App, Uri Address, Uri WebAddress, int SiloPort)> StartAsync(
        string signingKey, string centreFile, int primarySiloPort = 0)
    {
        string[] auth = [$"--Routing:Edge:Auth:SigningKey={signingKey}"];
        return await StartAsync(auth, centreFile, primarySiloPort, configureServices: null);
    }

    /// <summary>As <see cref="StartAsync(string, string, int)"/> with explicit authentication (or any other) settings,
    /// which override the test defaults, and service changes.</summary>
    public static async Task<(WebApplication App, Uri Address, Uri WebAddress, int SiloPort)> StartAsync(
        string[] authSettings, string centreFile, int primarySiloPort, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices)
    {
        // A free port can be taken by another process between the pick and the bind: then the server starts again
        // on new ones.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryStartAsync(authSettings, centreFile, primarySiloPort, configureServices);
            }
            catch (IOException taken) when (PortTaken(taken) && attempt < MaxStartAttempts)
            {
            }
        }
    }

    private const int MaxStartAttempts = 3;

    /// <summary>Kestrel's answer when a port it was to bind is taken.</summary>
    private static bool PortTaken(IOException exception) => exception.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException;

    private static async Task<(WebApplication App, Uri Address, Uri WebAddress, int SiloPort)> TryStartAsync(
        string[] authSettings, string centreFile, int primarySiloPort, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices)
    {
        var address = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        var webAddress = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        var siloPort = LoopbackPorts.Free();
        var app = RoutingServerHost.Build(
        [
            $"--Kestrel:Endpoints:Http:Url={address}",
            "--Kestrel:Endpoints:Http:Protocols=Http2",
            $"--Kestrel:Endpoints:Web:Url={webAddress}",
            "--Kestrel:Endpoints:Web:Protocols=Http1",
            "--Routing:Edge:GrpcWeb=true",
            $"--Routing:CentreFile={centreFile}",
            $"--Routing:Silo:SiloPort={siloPort}",
            $"--Routing:Silo:GatewayPort={LoopbackPorts.Free()}",
            $"--Routing:Silo:PrimarySiloPort={primarySiloPort}",
            "--Routing:Edge:RateLimit:TokenLimit=" + RateLimitBurst,
            "--Routing:Edge:RateLimit:TokensPerPeriod=" + RateLimitBurst,
            "--Routing:Edge:RateLimit:ReplenishmentPeriod=00:00:01",
            // Short, so the grace-expiry test runs in seconds (the default is 30 s).
            "--Routing:Edge:Agents:SessionGracePeriod=00:00:02",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Routing=Warning",
            // Each server its own history file, beside its centre (the test's own folder, removed with it).
            $"--History:ConnectionString=Data Source={HistoryFile(centreFile)}",
            // Each server its own Prometheus scrape port (the default, 9464, would be shared by every test server).
            $"--Telemetry:Prometheus:Port={LoopbackPorts.Free()}",
            // Last, so a test's own settings override the ones above.
            .. authSettings,
        ], configureServices);
        try
        {
            await app.StartAsync();
        }
        catch (IOException taken) when (PortTaken(taken))
        {
            // Kestrel binds last: the services that started before it (the silo) stop with it.
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            throw;
        }
        return (app, address, webAddress, siloPort);
    }

    /// <summary>Stops and disposes a server a fixture started, its channel and the fixture's folder.</summary>
    public static async Task StopAsync(WebApplication? app, Grpc.Net.Client.GrpcChannel? channel, string directory)
    {
        channel?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>A new SQLite history file beside <paramref name="centreFile"/>.</summary>
    public static string HistoryFile(string centreFile) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(centreFile))!, $"history-{Guid.NewGuid():N}.db");

    /// <summary>Routing.Client options for <paramref name="addresses"/> with <paramref name="token"/>, and quick
    /// reconnects that keep the tests short (the defaults suit real networks).</summary>
    public static Routing.Client.RoutingClientOptions ClientOptions(string? token, IEnumerable<Uri> addresses)
    {
        var options = new Routing.Client.RoutingClientOptions
        {
            Token = token,
            AgentReconnect = { FirstDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(300), ConnectTimeout = TimeSpan.FromSeconds(3) },
        };
        foreach (var address in addresses)
        {
            options.Addresses.Add(address);
        }
        return options;
    }

    /// <summary>Writes the test centre to <paramref name="directory"/>/centre.json: tenant "acme" (queue
    /// "sales", agents "ann" and "bob") and tenant "globex" (queue "sales", agent "gus").</summary>
    public static async Task<string> WriteCentreAsync(string directory, params string[] extraAcmeAgents)
    {
        Directory.CreateDirectory(directory);
        var centreFile = Path.Combine(directory, "centre.json");
        var centre = new CentreConfiguration
        {
            Tenants =
            [
                Tenant("acme", ["ann", "bob", .. extraAcmeAgents]),
                Tenant("globex", ["gus"]),
            ],
        };
        await File.WriteAllTextAsync(centreFile, JsonSerializer.Serialize(centre, CentreConfigurationFile.SerializerOptions));
        return centreFile;
    }

    /// <summary>A tenant with queue "sales" (skill "sales") and <paramref name="agents"/> who have that skill.</summary>
    public static TenantConfiguration Tenant(string tenantId, string[] agents) => new()
    {
        TenantId = tenantId,
        Queues = [new QueueDefinition { QueueId = "sales", RequiredSkills = [new SkillRequirement("sales", 1)], WrapUpTime = TimeSpan.Zero }],
        Agents = [.. agents.Select(a => new AgentDefinition { AgentId = a, Skills = [new SkillLevel("sales", 3)], Endpoint = $"sip:{a}@{tenantId}.example" })],
    };
}
