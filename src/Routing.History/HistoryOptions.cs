using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Routing.History;

/// <summary>Settings of the history store, bound from the <c>History</c> configuration section.</summary>
public sealed class HistoryOptions
{
    public const string SectionName = "History";

    /// <summary>The SQLite file used when no connection string is given.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=routing-history.db";

    /// <summary>False keeps no history: the host then leaves the store out (nothing is recorded or migrated).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>Sqlite</c> (the default: an embedded file) or <c>PostgreSql</c>.</summary>
    public string Provider { get; set; } = nameof(HistoryProvider.Sqlite);

    /// <summary>For SQLite, e.g. <c>Data Source=/var/lib/routing/history.db</c> (the file and its folder are created);
    /// for PostgreSQL an Npgsql connection string, e.g. <c>Host=db;Database=routing;Username=routing;Password=…</c>.</summary>
    public string ConnectionString { get; set; } = DefaultSqliteConnectionString;

    /// <summary>How many facts may wait for the writer. When it is full, new facts are dropped and counted
    /// (routing never waits for history): size it for the longest database outage to ride out.</summary>
    public int QueueCapacity { get; set; } = 200_000;

    /// <summary>The most facts written in one transaction.</summary>
    public int BatchSize { get; set; } = 2_000;

    /// <summary>How long a writer lets facts gather before it writes a batch that is not full. Fewer, larger transactions
    /// cost less per fact, and the versions of one interaction (or the open and closed forms of one agent interval) that
    /// arrive together are written once. Zero writes at once. The default, 1 s, is how far the event feed and reports
    /// may lag behind routing: each commit writes every page its rows touched, and at 250 ms the history cost about a
    /// sixth more CPU per interaction on the load test.</summary>
    public TimeSpan BatchDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many batches are written at once on PostgreSQL (each on its own connection), so the database works
    /// on one while the next is being prepared. SQLite takes one writer at a time: it always uses one.</summary>
    public int Writers { get; set; } = 2;

    /// <summary>The first wait after a failed batch; it doubles (with jitter) on each further failure.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two tries of a failed batch. A batch is tried until it is written.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Parses <see cref="Provider"/> (case-insensitive).</summary>
    public bool TryGetProvider(out HistoryProvider provider) =>
        Enum.TryParse(Provider, ignoreCase: true, out provider) && Enum.IsDefined(provider) && !int.TryParse(Provider, out _);

    /// <summary>The provider, once validated.</summary>
    public HistoryProvider GetProvider() => TryGetProvider(out var provider)
        ? provider
        : throw new InvalidOperationException($"History:Provider '{Provider}' is not Sqlite or PostgreSql");
}

/// <summary>Checks <see cref="HistoryOptions"/> at start-up and reports every problem at once.</summary>
public sealed class HistoryOptionsValidator : IValidateOptions<HistoryOptions>
{
    public const int MaxQueueCapacity = 10_000_000;
    public const int MaxBatchSize = 50_000;
    public const int MaxWriters = 16;
    public static readonly TimeSpan MaxBatchDelay = TimeSpan.FromSeconds(10);

    public ValidateOptionsResult Validate(string? name, HistoryOptions options)
    {
        var errors = new List<string>();
        var section = HistoryOptions.SectionName;
        if (!options.TryGetProvider(out var provider))
        {
            errors.Add($"{section}:Provider '{options.Provider}' is not a history provider: use Sqlite (an embedded file, the default) or PostgreSql.");
        }
        else if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add($"{section}:ConnectionString is required for {provider} (e.g. {Example(provider)}).");
        }
        else if (ConnectionStringProblem(provider, options.ConnectionString) is { } problem)
        {
            errors.Add($"{section}:ConnectionString is not a valid {provider} connection string: {problem} (e.g. {Example(provider)}).");
        }
        if (options.QueueCapacity is < 1 or > MaxQueueCapacity)
        {
            errors.Add($"{section}:QueueCapacity {options.QueueCapacity} is outside 1–{MaxQueueCapacity}.");
        }
        if (options.BatchSize is < 1 or > MaxBatchSize)
        {
            errors.Add($"{section}:BatchSize {options.BatchSize} is outside 1–{MaxBatchSize}.");
        }
        if (options.Writers is < 1 or > MaxWriters)
        {
            errors.Add($"{section}:Writers {options.Writers} is outside 1–{MaxWriters}.");
        }
        if (options.BatchDelay < TimeSpan.Zero || options.BatchDelay > MaxBatchDelay)
        {
            errors.Add($"{section}:BatchDelay {options.BatchDelay} is outside 0–{MaxBatchDelay}.");
        }
        if (options.RetryDelay <= TimeSpan.Zero)
        {
            errors.Add($"{section}:RetryDelay {options.RetryDelay} must be positive.");
        }
        if (options.MaxRetryDelay < options.RetryDelay)
        {
            errors.Add($"{section}:MaxRetryDelay {options.MaxRetryDelay} must be at least RetryDelay {options.RetryDelay}.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static string Example(HistoryProvider provider) => provider == HistoryProvider.Sqlite
        ? HistoryOptions.DefaultSqliteConnectionString
        : "Host=db;Database=routing;Username=routing;Password=secret";

    private static string? ConnectionStringProblem(HistoryProvider provider, string connectionString)
    {
        try
        {
            if (provider == HistoryProvider.Sqlite)
            {
                var sqlite = new SqliteConnectionStringBuilder(connectionString);
                return string.IsNullOrWhiteSpace(sqlite.DataSource) ? "Data Source (the file) is missing"
                    : sqlite.Mode == SqliteOpenMode.Memory || sqlite.DataSource.Trim() == ":memory:" ? "an in-memory database keeps nothing; give a file"
                    : sqlite.Mode == SqliteOpenMode.ReadOnly ? "Mode=ReadOnly cannot be written"
                    : null;
            }
            var postgres = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(postgres.Host) ? "Host is missing" : null;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or KeyNotFoundException)
        {
            return exception.Message;
        }
    }
}
