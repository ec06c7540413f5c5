using System.Diagnostics;
using Routing.Testing;

namespace Routing.LoadTest;

/// <summary>
/// Servers the load test starts itself: one silo, or several silo processes of one localhost cluster on
/// 127.0.0.1 (as deploy/local-cluster.sh does), with rate limits off and quiet logs. Samples their CPU
/// and memory once a second while the run lasts, and reads their GC events (<see cref="ServerRuntimeEvents"/>).
/// </summary>
internal sealed class ServerProcesses : IAsyncDisposable
{
    /// <summary>The garbage collector's settings the container image gives the server: the <c>DOTNET_GC…</c> lines of
    /// deploy/image/image-env.txt (copied beside the load test), an 8 MiB young generation so collections stay short
    /// (src/Routing.Server/Runtime/YoungGenerationBudget.cs).</summary>
    public static IReadOnlyDictionary<string, string> ImageGarbageCollector() => File.ReadLines(Path.Combine(AppContext.BaseDirectory, "image-env.txt"))
        .Where(line => line.StartsWith("DOTNET_GC", StringComparison.Ordinal))
        .Select(line => line.Split('=', 2))
        .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

    private readonly List<Process> _processes = [];
    private readonly List<(double CpuPercent, long WorkingSetBytes)> _samples = [];
    private readonly List<ServerRuntimeEvents> _runtimeEvents = [];
    private readonly List<ServerMessageCounter> _messageCounters = [];
    private ServerCounts _countsAtReset = ServerCounts.None;
    private TimeSpan _cpuAtReset;
    private TimeSpan _lastCpu;
    private DateTime _lastAt;

    public IReadOnlyList<Uri> Edges { get; private set; } = [];

    /// <summary>Starts <paramref name="silos"/> servers; with <paramref name="redisAddress"/> they share Redis
    /// clustering, grain state and reminders, otherwise localhost clustering and memory state. They check
    /// tokens with <paramref name="signingKey"/>. With <paramref name="core"/> every server runs on that core alone
    /// (<c>taskset</c>), so the figures measure the server and not the load generator beside it. <paramref name="history"/>:
    /// the servers' history (and telemetry) settings; <paramref name="environment"/>: variables set for them.</summary>
    public static async Task<ServerProcesses> StartAsync(string serverDll, string centreFile, int silos, string? redisAddress, string signingKey, int? core, string[] history,
        IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var started = new ServerProcesses();
        var edges = new List<Uri>();
        var firstSiloPort = 0;
        for (var i = 0; i < silos; i++)
        {
            var edge = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
            var metricsPort = LoopbackPorts.Free();
            var siloPort = LoopbackPorts.Free();
            firstSiloPort = i == 0 ? siloPort : firstSiloPort;
            string[] args =
            [
                serverDll,
                $"--Kestrel:Endpoints:Http:Url={edge}",
                $"--Routing:Silo:SiloPort={siloPort}",
                $"--Routing:Silo:GatewayPort={LoopbackPorts.Free()}",
                // Each server its own scrape port; --Telemetry:Enabled=false among the settings compares the cost.
                $"--Telemetry:Prometheus:Port={metricsPort}",
                $"--Routing:Silo:PrimarySiloPort={(i == 0 || redisAddress is not null ? 0 : firstSiloPort)}",
                .. (redisAddress is null ? (string[])[] :
                [
                    "--Routing:Cluster:Clustering=Redis",
                    "--Routing:Cluster:Storage=Redis",
                    $"--Routing:Cluster:RedisConnectionString={redisAddress}",
                ]),
                $"--Routing:CentreFile={centreFile}",
                .. history,
                $"--Routing:Edge:Auth:SigningKey={signingKey}",
                "--Routing:Edge:RateLimit:Enabled=false",
                "--Logging:LogLevel:Default=Warning",
                "--Logging:LogLevel:Routing=Warning",
                "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
            ];
            var start = core is { } pinned
                ? new ProcessStartInfo("taskset", ["-c", pinned.ToString(System.Globalization.CultureInfo.InvariantCulture), "dotnet", .. args])
                : new ProcessStartInfo("dotnet", args);
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            var process = Process.Start(start)
                ?? throw new InvalidOperationException("could not start dotnet");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            started._processes.Add(process);
            await ServerHealth.WaitAsync(edge, process, TimeSpan.FromSeconds(90), output: null, cancellationToken);
            // taskset execs dotnet in place, so the process id is the server's.
            started._runtimeEvents.Add(ServerRuntimeEvents.Attach(process.Id));
            started._messageCounters.Add(new ServerMessageCounter(metricsPort));
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
    public async Task ResetUsageAsync(CancellationToken cancellationToken)
    {
        _countsAtReset = await CountsAsync(cancellationToken);
        ResetUsage();
    }

    /// <summary>Grain messages the servers sent (<see cref="ServerMessageCounter"/>; null without their metrics) and grain
    /// calls they counted since the period started.</summary>
    public async Task<ServerCounts> CountsSinceResetAsync(CancellationToken cancellationToken) =>
        (await CountsAsync(cancellationToken)).Since(_countsAtReset);

    private async Task<ServerCounts> CountsAsync(CancellationToken cancellationToken)
    {
        var counts = new List<ServerCounts>();
        foreach (var counter in _messageCounters)
        {
            counts.Add(await counter.ReadAsync(cancellationToken));
        }
        return ServerCounts.Sum(counts);
    }

    /// <summary>Starts a new measurement period without reading the message counters (the idle window).</summary>
    public void ResetUsage()
    {
        lock (_samples)
        {
            _samples.Clear();
        }
        _cpuAtReset = TotalCpu();
        _runtimeEvents.ForEach(e => e.Reset());
    }

    /// <summary>CPU time the servers used since the period started, summed over processes.</summary>
    public TimeSpan CpuSinceReset() => TotalCpu() - _cpuAtReset;

    /// <summary>Bytes the servers allocated since the period started, their collections, and each GC pause.</summary>
    public (long AllocatedBytes, int Collections, IReadOnlyList<GcPause> Pauses) GarbageCollection()
    {
        var read = _runtimeEvents.Select(e => e.Read()).ToList();
        return (read.Sum(r => r.AllocatedBytes), read.Sum(r => r.Collections), [.. read.SelectMany(r => r.Pauses)]);
    }

    /// <summary>The CPU samples of the period in order (% of one core, summed over processes).</summary>
    public IReadOnlyList<double> CpuSamples()
    {
        lock (_samples)
        {
            return [.. _samples.Select(s => Math.Round(s.CpuPercent, 1))];
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
        foreach (var events in _runtimeEvents)
        {
            await events.DisposeAsync();
        }
        _messageCounters.ForEach(c => c.Dispose());
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
}
