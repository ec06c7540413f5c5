using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Routing.Testing;

namespace Routing.Cluster.Tests.Infrastructure;

/// <summary>
/// One routing server (silo + gRPC edge) as a separate operating-system process, so a test can kill it
/// with SIGKILL (nothing runs on the way out) or stop it with SIGTERM (the host's graceful shutdown).
/// </summary>
internal sealed partial class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SiloProcess(Process process, Uri edge)
    {
        _process = process;
        Edge = edge;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Edge { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the process printed (the newest 2,000 lines).</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>Starts a server with <paramref name="settings"/> (command-line configuration) on free ports, its edge
    /// on <paramref name="edge"/> when given.</summary>
    public static SiloProcess Start(IEnumerable<string> settings, Uri? edge = null)
    {
        // A given edge address: a replacement serving where the silo it replaces did (a StatefulSet's pod).
        edge ??= new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        string[] args =
        [
            Repository.ServerDll,
            $"--Kestrel:Endpoints:Http:Url={edge}",
            $"--Routing:Silo:SiloPort={LoopbackPorts.Free()}",
            $"--Routing:Silo:GatewayPort={LoopbackPorts.Free()}",
            $"--Telemetry:Prometheus:Port={LoopbackPorts.Free()}",
            "--Routing:Edge:RateLimit:Enabled=false",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Routing=Warning",
            "--Logging:LogLevel:Routing.Grains.Recovery=Information",
            // A production server needs a way to check tokens; a test's own settings may replace it.
            $"--Routing:Edge:Auth:SigningKey={ProcessCluster.SigningKey}",
            // No history unless a test's settings ask for it (several silos would otherwise share the binary's SQLite file).
            "--History:Enabled=false",
            .. settings,
        ];
        var process = Process.Start(new ProcessStartInfo("dotnet", args) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("could not start dotnet");
        return new SiloProcess(process, edge);
    }

    /// <summary>Starts the published server in <paramref name="appDirectory"/> as the container image does: its entry
    /// point (<c>dotnet /app/Routing.Server.dll</c>, no arguments), only <paramref name="environment"/> for settings, and
    /// as the image's non-root user (uid <paramref name="userId"/>) through setpriv when the test runs as root.</summary>
    public static SiloProcess StartAsImage(string appDirectory, IReadOnlyDictionary<string, string> environment, Uri edge, int userId)
    {
        var dll = Path.Combine(appDirectory, "Routing.Server.dll");
        var start = Environment.UserName == "root"
            ? new ProcessStartInfo("setpriv", [$"--reuid={userId}", $"--regid={userId}", "--clear-groups", "dotnet", dll])
            : new ProcessStartInfo("dotnet", [dll]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = appDirectory;
        // Only what a container has: no variable of the test's own leaks into the server.
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        start.Environment["HOME"] = appDirectory;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the published server");
        return new SiloProcess(process, edge);
    }

    /// <summary>The operating-system process id (to read its user from /proc).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Waits until readiness (<c>/readyz</c>) answers 200: joined, storage answering, not stopping.</summary>
    public Task WaitReadyAsync(CancellationToken cancellationToken) =>
        ServerHealth.WaitAsync(Edge, _process, TimeSpan.FromSeconds(120), () => Output, cancellationToken, "/readyz");

    /// <summary>Waits until the edge answers its health check (the silo has joined and the centre is applied).</summary>
    public Task WaitHealthyAsync(CancellationToken cancellationToken) =>
        ServerHealth.WaitAsync(Edge, _process, TimeSpan.FromSeconds(120), () => Output, cancellationToken);

    /// <summary>kill -9: the process ends at once, without closing connections or leaving the cluster.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>kill -TERM: the host stops gracefully (the silo leaves the cluster, streams are closed).</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        // .NET has no API to send SIGTERM to another process; libc's kill does it.
        if (SendSignal(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed");
        }
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>Waits for the process to end by itself (e.g. a refused start-up) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > 2_000)
        {
            _output.TryDequeue(out _);
        }
    }

    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
