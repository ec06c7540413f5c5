using System.Net;
using System.Net.Sockets;
using Routing.Server.Tests.Infrastructure;
using Routing.Testing;

namespace Routing.Server.Tests.Startup;

/// <summary>A second server on ports already taken stops before its silo starts, with one line naming each busy
/// port and the setting that moves it, and exit code 1.</summary>
public sealed class BusyPortStartupTests
{
    [Fact]
    public async Task Start_EdgeAndSiloPortsTaken_OneLineNamingThePortsAndSettings_Exit1BeforeTheSilo()
    {
        using var edge = Listen(out var edgePort);
        using var silo = Listen(out var siloPort);
        var gatewayPort = LoopbackPorts.Free();

        // Development, so that the port check is what stops it (production would first ask for an authority).
        var (exit, output) = await ServerRun.UntilExitAsync(
            "--environment", "Development",
            $"--Kestrel:Endpoints:Http:Url=http://127.0.0.1:{edgePort}",
            $"--Routing:Silo:SiloPort={siloPort}",
            $"--Routing:Silo:GatewayPort={gatewayPort}",
            $"--Telemetry:Prometheus:Port={LoopbackPorts.Free()}");

        Assert.Equal(1, exit);
        var failure = Assert.Single(output, l => l.Contains("did not start", StringComparison.Ordinal));
        Assert.Contains($"{edgePort} (Kestrel:Endpoints:Http:Url http://127.0.0.1:{edgePort})", failure, StringComparison.Ordinal);
        Assert.Contains($"{siloPort} (Routing:Silo:SiloPort)", failure, StringComparison.Ordinal);
        Assert.DoesNotContain($"{gatewayPort}", failure, StringComparison.Ordinal);
        Assert.Contains("--Kestrel:Endpoints:Http:Url=http://127.0.0.1:", failure, StringComparison.Ordinal);
        Assert.Contains("--Routing:Silo:SiloPort=", failure, StringComparison.Ordinal);
        // No stack trace, and nothing of the silo or the centre: the check ran before them.
        Assert.DoesNotContain(output, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
        Assert.DoesNotContain(output, l => l.Contains("configured", StringComparison.Ordinal) || l.Contains("Now listening", StringComparison.Ordinal));
    }

    /// <summary>Holds a loopback port the way another process would.</summary>
    private static TcpListener Listen(out int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return listener;
    }
}
