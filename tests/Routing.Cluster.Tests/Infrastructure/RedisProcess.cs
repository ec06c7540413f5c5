using System.Diagnostics;
using Routing.Testing;

namespace Routing.Cluster.Tests.Infrastructure;

/// <summary>A redis-server of the test's own on a free port, with append-only persistence (fsync every
/// write, so a restart keeps everything acknowledged) in a temporary directory.</summary>
internal sealed class RedisProcess : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("routing-redis-").FullName;
    private Process? _process;

    public int Port { get; } = LoopbackPorts.Free();

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisProcess> StartAsync(CancellationToken cancellationToken)
    {
        var redis = new RedisProcess();
        await redis.RestartAsync(cancellationToken);
        return redis;
    }

    /// <summary>Starts the server (again, on the same port and data) and waits until it listens.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        string[] args = ["--bind", "127.0.0.1", "--port", $"{Port}", "--dir", _directory, "--appendonly", "yes", "--appendfsync", "always", "--save", ""];
        _process = Process.Start(new ProcessStartInfo(Repository.RedisServer, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!await Ports.WaitListeningAsync(Port, TimeSpan.FromSeconds(20), () => _process.HasExited, cancellationToken))
        {
            throw new InvalidOperationException($"redis-server did not start on port {Port}");
        }
    }

    /// <summary>Kills the server (SIGKILL): what it had appended and synced survives.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
