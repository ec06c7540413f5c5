using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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
        var (exit, output) = await RunServer(
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

    /// <summary>Runs the server built next to these tests as its own process until it exits (at most 60 s).</summary>
    private static async Task<(int ExitCode, List<string> Output)> RunServer(params string[] settings)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Routing.Server.dll"), .. settings])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
        var lines = $"{await output}{Environment.NewLine}{await errors}".Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        return (process.ExitCode, [.. lines]);
    }
}
