using System.Net;
using System.Net.Sockets;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.Configuration;
using Routing.Server.Telemetry;
using Routing.Server.Tests.Infrastructure;
using Routing.Testing;

namespace Routing.Server.Tests.Telemetry;

/// <summary>Telemetry settings at start-up: wrong ones stop the server with one line naming each, a taken scrape port is
/// named with its setting, and <c>Telemetry:Enabled=false</c> serves no scrape port at all.</summary>
public sealed class TelemetryStartupTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_InvalidTelemetrySettings_OneLineNamingEachProblem_Exit1()
    {
        var (exit, output) = await ServerRun.UntilExitAsync(
            [.. DevelopmentOnFreePorts(),
            "--Telemetry:Prometheus:Port=70000",
            "--Telemetry:Tracing:SampleRatio=2",
            "--Telemetry:Otlp:Endpoint=collector:4317"]);

        Assert.Equal(1, exit);
        var failure = Assert.Single(output, l => l.Contains("did not start", StringComparison.Ordinal));
        Assert.Contains("Telemetry:Prometheus:Port must be a port number (1–65535), not 70000", failure, StringComparison.Ordinal);
        Assert.Contains("Telemetry:Tracing:SampleRatio must be between 0 and 1, not 2", failure, StringComparison.Ordinal);
        Assert.Contains("Telemetry:Otlp:Endpoint must be an http:// or https:// address, not 'collector:4317'", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(output, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_ScrapePortTaken_OneLineNamingItsSetting_Exit1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (exit, output) = await ServerRun.UntilExitAsync([.. DevelopmentOnFreePorts(), $"--Telemetry:Prometheus:Port={port}"]);

        Assert.Equal(1, exit);
        var failure = Assert.Single(output, l => l.Contains("did not start", StringComparison.Ordinal));
        Assert.Contains($"{port} (Telemetry:Prometheus:Port)", failure, StringComparison.Ordinal);
        Assert.Contains("--Telemetry:Prometheus:Port=", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_TelemetryDisabled_ServesTheEdgeButNoScrapePort()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"routing-no-telemetry-{Guid.NewGuid():N}");
        var centreFile = await TestServer.WriteCentreAsync(directory);
        var scrapePort = LoopbackPorts.Free();
        var (app, address, _, _) = await TestServer.StartAsync(
            [$"--Routing:Edge:Auth:SigningKey=test-signing-key-{Guid.NewGuid():N}", "--Telemetry:Enabled=false", $"--Telemetry:Prometheus:Port={scrapePort}"],
            centreFile, primarySiloPort: 0, configureServices: null);
        using var channel = GrpcChannel.ForAddress(address);
        try
        {
            var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), cancellationToken: Cancel);
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
            using var client = new TcpClient();
            var refused = await Assert.ThrowsAsync<SocketException>(async () => await client.ConnectAsync(IPAddress.Loopback, scrapePort, Cancel));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        }
        finally
        {
            await TestServer.StopAsync(app, channel: null, directory);
        }
    }

    /// <summary>Development, so that what a test sets is what stops it (production would first ask for an authority), with
    /// the edge and the silo on free ports.</summary>
    private static string[] DevelopmentOnFreePorts() =>
    [
        "--environment", "Development",
        $"--Kestrel:Endpoints:Http:Url=http://127.0.0.1:{LoopbackPorts.Free()}",
        $"--Routing:Silo:SiloPort={LoopbackPorts.Free()}",
        $"--Routing:Silo:GatewayPort={LoopbackPorts.Free()}",
    ];

    [Fact]
    public void Validate_ScrapePortIsTheEdgePort_RefusedWithEveryOtherProblem()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:5080",
        }).Build();
        var options = new TelemetryOptions
        {
            ServiceName = " ",
            Prometheus = { Port = 5080, Address = "localhost", Path = "metrics" },
            Otlp = { Protocol = "Thrift", MetricsInterval = TimeSpan.Zero },
        };

        var result = new TelemetryOptionsValidator(configuration).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(
        [
            "Telemetry:ServiceName cannot be empty",
            "Telemetry:Prometheus:Port 5080 is also an edge port (Kestrel:Endpoints): metrics are served off the gRPC port, choose another",
            "Telemetry:Prometheus:Address must be an IP address, not 'localhost'",
            "Telemetry:Prometheus:Path must start with '/', not 'metrics'",
            "Telemetry:Otlp:Protocol must be Grpc or HttpProtobuf, not 'Thrift'",
            "Telemetry:Otlp:MetricsInterval must be between 00:00:01 and 00:10:00 (is 00:00:00)",
        ], result.Failures);
    }
}
