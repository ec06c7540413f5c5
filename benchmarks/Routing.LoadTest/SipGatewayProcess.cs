using Routing.Testing;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Routing.LoadTest;

/// <summary>With --via-sip: the SIP gateway (Routing.SipGateway, Release build) in front of the servers, as a real
/// centre runs it: its own process, a gateway-role client of every server's edge, UDP on a free port.</summary>
internal sealed class SipGatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private TimeSpan _cpuAtReset;

    private SipGatewayProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<SipGatewayProcess> StartAsync(string gatewayDll, IReadOnlyList<Uri> edges, string token, int? core, CancellationToken cancellationToken)
    {
        var port = LoopbackPorts.Free();
        string[] args =
        [
            gatewayDll,
            .. edges.Select((edge, i) => $"--Gateway:Cluster:Addresses:{i}={edge}"),
            $"--Gateway:Cluster:Token={token}",
            "--Sip:Transport:ListenAddress=127.0.0.1",
            $"--Sip:Transport:UdpPort={port}",
            "--Sip:Transport:TcpEnabled=false",
            "--Logging:LogLevel:Default=Warning",
        ];
        var start = core is { } pinned
            ? new ProcessStartInfo("taskset", ["-c", pinned.ToString(CultureInfo.InvariantCulture), "dotnet", .. args])
            : new ProcessStartInfo("dotnet", args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the SIP gateway");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var gateway = new SipGatewayProcess(process, port);
        await gateway.WaitListeningAsync(cancellationToken);
        return gateway;
    }

    /// <summary>Starts counting the gateway's CPU time for a phase.</summary>
    public void ResetUsage() => _cpuAtReset = Cpu();

    public TimeSpan CpuSinceReset() => Cpu() - _cpuAtReset;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private TimeSpan Cpu()
    {
        _process.Refresh();
        return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
    }

    /// <summary>The gateway answers an OPTIONS probe once its stack listens (bounded: 60 s).</summary>
    private async Task WaitListeningAsync(CancellationToken cancellationToken)
    {
        using var udp = new UdpClient(0, AddressFamily.InterNetwork);
        var probe = System.Text.Encoding.ASCII.GetBytes(
            $"OPTIONS sip:ping@127.0.0.1:{Port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{((System.Net.IPEndPoint)udp.Client.LocalEndPoint!).Port};branch=z9hG4bK-ready\r\n" +
            "From: <sip:load@127.0.0.1>;tag=ready\r\nTo: <sip:ping@127.0.0.1>\r\nCall-ID: ready\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            await udp.SendAsync(probe, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, Port), cancellationToken);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TimeSpan.FromMilliseconds(500));
            try
            {
                await udp.ReceiveAsync(wait.Token);
                return;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Not listening yet: probe again.
            }
        }
        throw new InvalidOperationException($"the SIP gateway did not answer OPTIONS on 127.0.0.1:{Port} within 60 s");
    }
}
