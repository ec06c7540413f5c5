using System.Diagnostics;
using Npgsql;
using Routing.Testing;

namespace Routing.History.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server of the test's own: a new cluster (initdb, trust authentication) in a temporary directory,
/// listening on a free 127.0.0.1 port only, started and stopped with pg_ctl. PostgreSQL refuses to run as root, so
/// when the tests run as root the programs run as the <c>postgres</c> user (which Debian's package creates), or
/// <c>nobody</c>, through runuser, and the directory is handed to that user.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    public const string Superuser = "postgres";

    private readonly string _directory = Directory.CreateTempSubdirectory("routing-pg-").FullName;
    private readonly string[] _settings;

    private PostgresServer(string[] settings)
    {
        _settings = settings;
    }

    public int Port { get; } = LoopbackPorts.Free();

    private string DataDirectory => Path.Combine(_directory, "data");

    private string LogFile => Path.Combine(_directory, "server.log");

    /// <summary>Creates and starts a server; <paramref name="settings"/> are extra <c>-c name=value</c> settings.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken, params string[] settings)
    {
        var server = new PostgresServer(settings);
        try
        {
            await server.InitAsync(cancellationToken);
            await server.RestartAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A connection string to <paramref name="database"/> as the superuser; fails fast while the server is down.</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={Superuser};Database={database};Timeout=5;Command Timeout=30";

    /// <summary>A new empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    /// <summary>Starts the server (again, on the same port and data) and waits until it accepts connections.</summary>
    public Task RestartAsync(CancellationToken cancellationToken)
    {
        var options = string.Join(' ', new[] { $"-p {Port}", "-c listen_addresses=127.0.0.1", $"-c unix_socket_directories={_directory}" }
            .Concat(_settings.Select(setting => $"-c {setting}")));
        return RunAsync(PostgresBinaries.PgCtl, ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", options, "start"], cancellationToken);
    }

    /// <summary>Stops the server at once, as a crash would (no checkpoint; it recovers from its WAL on restart).</summary>
    public Task KillAsync(CancellationToken cancellationToken) =>
        RunAsync(PostgresBinaries.PgCtl, ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                await KillAsync(CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // Already stopped.
            }
        }
        Directory.Delete(_directory, recursive: true);
    }

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        if (RunsAsRoot)
        {
            await RunAsync("chown", [$"{ServerUser}:", _directory], cancellationToken, asServerUser: false);
        }
        await RunAsync(PostgresBinaries.InitDb, ["-D", DataDirectory, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], cancellationToken);
    }

    private static bool RunsAsRoot => Environment.UserName == "root";

    /// <summary>The user the server programs run as when the tests run as root.</summary>
    private static string ServerUser { get; } = File.ReadLines("/etc/passwd").Any(line => line.StartsWith("postgres:", StringComparison.Ordinal)) ? "postgres" : "nobody";

    private async Task RunAsync(string program, string[] arguments, CancellationToken cancellationToken, bool asServerUser = true)
    {
        var start = asServerUser && RunsAsRoot
            ? new ProcessStartInfo("runuser", ["-u", ServerUser, "--", program, .. arguments])
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile, cancellationToken) : "";
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed (exit {process.ExitCode}): {await errors}{await output}{log}");
        }
    }
}
