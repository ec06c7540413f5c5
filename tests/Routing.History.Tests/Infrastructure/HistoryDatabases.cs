using Microsoft.Extensions.Logging.Abstractions;
using Routing.History.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(HistoryDatabases))]

namespace Routing.History.Tests.Infrastructure;

/// <summary>
/// Fresh, empty databases for the tests, one per call: a new SQLite file in a temporary folder, or a new database on
/// one PostgreSQL server the whole test assembly shares (started on first use, stopped at the end).
/// </summary>
public sealed class HistoryDatabases : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("routing-history-tests-").FullName;
    private readonly SemaphoreSlim _starting = new(1, 1);
    private PostgresServer? _postgres;
    private int _created;

    /// <summary>A connection string to a new empty database of <paramref name="provider"/>.</summary>
    public async Task<string> CreateAsync(HistoryProvider provider, CancellationToken cancellationToken)
    {
        var name = $"history_{Interlocked.Increment(ref _created)}_{Guid.NewGuid():N}"[..30];
        if (provider == HistoryProvider.Sqlite)
        {
            return $"Data Source={Path.Combine(_folder, name + ".db")}";
        }
        var server = await PostgresAsync(cancellationToken);
        return await server.CreateDatabaseAsync(name, cancellationToken);
    }

    /// <summary>A store on a new, migrated database.</summary>
    public async Task<IHistoryStore> CreateStoreAsync(HistoryProvider provider, CancellationToken cancellationToken)
    {
        var store = HistoryStoreFactory.Create(
            new HistoryOptions { Provider = provider.ToString(), ConnectionString = await CreateAsync(provider, cancellationToken) },
            NullLoggerFactory.Instance);
        await store.MigrateAsync(cancellationToken);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        _starting.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<PostgresServer> PostgresAsync(CancellationToken cancellationToken)
    {
        await _starting.WaitAsync(cancellationToken);
        try
        {
            // fsync off: these databases are thrown away; the outage test runs a server of its own.
            return _postgres ??= await PostgresServer.StartAsync(cancellationToken, "fsync=off", "max_connections=200");
        }
        finally
        {
            _starting.Release();
        }
    }
}
