using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Routing.Testing;
using StackExchange.Redis;

namespace Routing.LoadTest;

/// <summary>
/// A redis-server the load test starts for <c>--storage redis</c> (append-only file, fsync every second,
/// in a temporary directory), and its command counts, from which each phase's storage writes per interaction
/// are worked out (from just before the phase's first arrival, so configuring and logging in do not count).
/// </summary>
internal sealed class LoadRedis : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly ConnectionMultiplexer _connection;
    private string _fsync = "";
    private IReadOnlyDictionary<string, long> _phaseCommands = new Dictionary<string, long>();
    private long _phaseBytes;

    private LoadRedis(Process process, string directory, ConnectionMultiplexer connection, string address)
    {
        _process = process;
        _directory = directory;
        _connection = connection;
        Address = address;
    }

    public string Address { get; }

    public static async Task<LoadRedis> StartAsync(string fsync)
    {
        var directory = Directory.CreateTempSubdirectory("routing-load-redis-").FullName;
        var port = LoopbackPorts.Free();
        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo("redis-server",
                ["--bind", "127.0.0.1", "--port", $"{port}", "--dir", directory, "--appendonly", "yes", "--appendfsync", fsync, "--save", ""])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("could not start redis-server (install it: scripts/install-test-tools.sh redis)", exception);
        }
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = $"127.0.0.1:{port}";
        var options = ConfigurationOptions.Parse(address);
        options.AbortOnConnectFail = false;
        // INFO commandstats is an admin command.
        options.AllowAdmin = true;
        var connection = await ConnectionMultiplexer.ConnectAsync(options);
        await connection.GetDatabase().PingAsync();
        return new LoadRedis(process, directory, connection, address) { _fsync = fsync };
    }

    /// <summary>Counting starts for a phase.</summary>
    public async Task StartPhaseAsync()
    {
        _phaseCommands = await CommandCountsAsync();
        _phaseBytes = await BytesReceivedAsync();
    }

    /// <summary><paramref name="phase"/> with what it sent to Redis since <see cref="StartPhaseAsync"/>, per interaction created.</summary>
    public async Task<LoadReport> AddToAsync(LoadReport phase)
    {
        var after = await CommandCountsAsync();
        long Delta(params string[] commands) => commands.Sum(c => after.GetValueOrDefault(c) - _phaseCommands.GetValueOrDefault(c));
        var created = (double)Math.Max(1, phase.Created);
        return phase with
        {
            Storage = $"redis (appendfsync {_fsync})",
            StateWritesPerInteraction = Delta("evalsha", "eval") / created,
            ReminderWritesPerInteraction = Delta("hset", "hdel", "zadd", "zrem") / created,
            StorageBytesPerInteraction = (await BytesReceivedAsync() - _phaseBytes) / created,
        };
    }

    /// <summary>Calls per Redis command so far (e.g. evalsha = grain state writes, hset/hdel = reminders).</summary>
    public async Task<IReadOnlyDictionary<string, long>> CommandCountsAsync()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var stats = await _connection.GetServer(_connection.GetEndPoints()[0]).InfoAsync("commandstats");
        foreach (var entry in stats.SelectMany(g => g))
        {
            // cmdstat_evalsha: calls=123,usec=...
            var calls = entry.Value.Split(',')[0].Split('=')[1];
            counts[entry.Key.Replace("cmdstat_", "", StringComparison.Ordinal)] = long.Parse(calls, CultureInfo.InvariantCulture);
        }
        return counts;
    }

    /// <summary>Bytes Redis has received from its clients so far (INFO stats total_net_input_bytes).</summary>
    public async Task<long> BytesReceivedAsync()
    {
        var stats = await _connection.GetServer(_connection.GetEndPoints()[0]).InfoAsync("stats");
        var value = stats.SelectMany(g => g).First(e => e.Key == "total_net_input_bytes").Value;
        return long.Parse(value, CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
