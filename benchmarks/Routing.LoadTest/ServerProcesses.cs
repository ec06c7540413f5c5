using System.Diagnostics;
using System.Net.Http;
using System.Net.Sockets;

namespace Routing.LoadTest;

/// <summary>
/// Servers the load test starts itself: one silo, or several silo processes of one localhost cluster on
/// 127.0.0.1 (as deploy/local-cluster.sh does), with rate limits off and quiet logs. Samples their CPU
/// and memory once a second while the run lasts.
/// </summary>
internal sealed class ServerProcesses : IAsyncDisposable
{
    private readonly List<Process> _processes = [];
    private readonly List<(double CpuPercent, long WorkingSetBytes)> _samples = [];
    private TimeSpan _lastCpu;
    private DateTime _lastAt;

    public IReadOnlyList<Uri> Edges { get; private set; } = [];

    /// <summary>Starts <paramref name="silos"/> servers; with <paramref name="redisAddress"/> they share Redis
    /// clustering, grain state and reminders, otherwise localhost clustering and memory state.</summary>
    public static async Task<ServerProcesses> StartAsync(string serverDll, string centreFile, int silos, string? redisAddress, CancellationToken cancellationToken)
    {
        var started = new ServerProcesses();
        var basePort = FreePortRange(silos * 3);
        var edges = new List<Uri>();
        for (var i = 0; i < silos; i++)
        {
            var edge = new Uri($"http://127.0.0.1:{basePort + i}");
            string[] args =
            [
                serverDll,
                $"--Kestrel:Endpoints:Http:Url={edge}",
                $"--Routing:Silo:SiloPort={basePort + silos + i}",
                $"--Routing:Silo:GatewayPort={basePort + (2 * silos) + i}",
                $"--Routing:Silo:PrimarySiloPort={(i == 0 || redisAddress is not null ? 0 : basePort + silos)}",
                .. (redisAddress is null ? (string[])[] :
                [
                    "--Routing:Cluster:Clustering=Redis",
                    "--Routing:Cluster:Storage=Redis",
                    $"--Routing:Cluster:RedisConnectionString={redisAddress}",
                ]),
                $"--Routing:CentreFile={centreFile}",
                "--Routing:Edge:RateLimit:Enabled=false",
                "--Logging:LogLevel:Default=Warning",
                "--Logging:LogLevel:Routing=Warning",
                "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
            ];
            var process = Process.Start(new ProcessStartInfo("dotnet", args) { RedirectStandardOutput = true, RedirectStandardError = true })
                ?? throw new InvalidOperationException("could not start dotnet");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            started._processes.Add(process);
            await WaitHealthyAsync(edge, process, cancellationToken);
            edges.Add(edge);
        }
        started.Edges = edges;
        started._lastCpu = started.TotalCpu();
        started._lastAt = DateTime.UtcNow;
        return started;
    }

    /// <summary>Records the servers' CPU (share of one core, summed over processes) and memory since the last sample.</summary>
    public void Sample()
    {
        var now = DateTime.UtcNow;
        var cpu = TotalCpu();
        var elapsed = (now - _lastAt).TotalSeconds;
        if (elapsed > 0)
        {
            lock (_samples)
            {
                _samples.Add((100 * (cpu - _lastCpu).TotalSeconds / elapsed, _processes.Sum(p => { p.Refresh(); return p.WorkingSet64; })));
            }
        }
        (_lastCpu, _lastAt) = (cpu, now);
    }

    /// <summary>Starts a new measurement period (the next phase of a run).</summary>
    public void ResetUsage()
    {
        lock (_samples)
        {
            _samples.Clear();
        }
    }

    /// <summary>The servers' working set now, summed over processes.</summary>
    public long WorkingSet() => _processes.Sum(p => { p.Refresh(); return p.HasExited ? 0 : p.WorkingSet64; });

    /// <summary>Mean and peak CPU (% of one core) and peak working set over the samples.</summary>
    public (double MeanCpu, double PeakCpu, long PeakMemory) Usage()
    {
        lock (_samples)
        {
            return _samples.Count == 0 ? (0, 0, 0) : (_samples.Average(s => s.CpuPercent), _samples.Max(s => s.CpuPercent), _samples.Max(s => s.WorkingSetBytes));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
    }

    private TimeSpan TotalCpu() => _processes.Aggregate(TimeSpan.Zero, (sum, p) => { p.Refresh(); return p.HasExited ? sum : sum + p.TotalProcessorTime; });

    private static async Task WaitHealthyAsync(Uri edge, Process process, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { DefaultRequestVersion = new Version(2, 0), DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the server on {edge} exited with code {process.ExitCode} during start-up");
            }
            try
            {
                if ((await http.GetAsync(new Uri(edge, "/healthz"), cancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250, cancellationToken);
        }
        throw new TimeoutException($"the server on {edge} did not become healthy within 90 s");
    }

    /// <summary>The first of <paramref name="count"/> consecutive ports that are free now.</summary>
    private static int FreePortRange(int count)
    {
        for (var start = 20_000 + Random.Shared.Next(0, 20_000); ; start += count)
        {
            if (Enumerable.Range(start, count).All(IsFree))
            {
                return start;
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
