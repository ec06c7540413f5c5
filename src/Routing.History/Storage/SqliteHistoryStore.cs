using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Routing.History.Feed;
using Routing.History.Schema;

namespace Routing.History.Storage;

/// <summary>
/// The embedded store: one SQLite file in WAL mode (readers do not block the writer; a process killed mid-batch
/// loses only the uncommitted batch). A batch is one transaction of prepared upserts, one statement per table
/// reused for every row (<see cref="SqliteUpsert{T}"/>).
/// </summary>
internal sealed class SqliteHistoryStore(string connectionString, ILogger logger)
    : HistoryStore(HistoryProvider.Sqlite, connectionString, logger)
{
    private static readonly long UnixEpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    // In WAL mode NORMAL loses nothing when the process dies; only a power cut may lose the last commits.
    private const string SynchronousNormal = "PRAGMA synchronous = NORMAL";

    private readonly Lazy<SqliteWriterThread> _writer = new(() => new SqliteWriterThread());

    public override async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        if (Path.GetDirectoryName(Path.GetFullPath(file)) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }
        await using (var connection = await OpenAsync(cancellationToken))
        await using (var command = connection.CreateCommand())
        {
            // WAL is kept by the file; it cannot be switched on inside the migrations' transactions.
            command.CommandText = "PRAGMA journal_mode = WAL";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return await base.MigrateAsync(cancellationToken);
    }

    public override Task WriteAsync(HistoryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.IsEmpty ? Task.CompletedTask : _writer.Value.RunAsync(() => Write(batch, cancellationToken));
    }

    public override ValueTask DisposeAsync()
    {
        if (_writer.IsValueCreated)
        {
            _writer.Value.Dispose();
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>One batch in one transaction, on the writer thread.</summary>
    private void Write(HistoryBatch batch, CancellationToken cancellationToken)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = SynchronousNormal;
            pragma.ExecuteNonQuery();
        }
        using var transaction = connection.BeginTransaction();
        // The queue interval aggregates: the final interactions this batch is the first to store.
        var firstFinal = SqliteQueueIntervals.NotCountedYet(connection, batch.Interactions, Microseconds, cancellationToken);
        Upsert(connection, HistoryTables.Interactions, batch.Interactions, cancellationToken);
        Upsert(connection, HistoryTables.Legs, batch.Legs, cancellationToken);
        SqliteQueueIntervals.Add(connection, firstFinal, Microseconds, cancellationToken);
        // The event feed: an entry per row a statement really inserted or changed, appended in this transaction.
        var feed = Feeds.Rent();
        try
        {
            Upsert(connection, HistoryTables.Events, batch.Events, cancellationToken, feed.Event);
            WriteIntervals(connection, batch.AgentIntervals, feed, cancellationToken);
            Upsert(connection, HistoryTables.SupervisorActions, batch.SupervisorActions, cancellationToken, feed.Action);
            AppendFeed(connection, feed, cancellationToken);
            transaction.Commit();
            NotifyFeed(feed);
        }
        finally
        {
            Feeds.Return(feed);
        }
    }

    /// <summary>SQLITE_TOOBIG (18), SQLITE_CONSTRAINT (19), SQLITE_MISMATCH (20): the row itself is refused.</summary>
    public override bool IsRejection(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 18 or 19 or 20 } || base.IsRejection(exception);

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SynchronousNormal;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    protected override object TimeValue(DateTimeOffset time) => Microseconds(time);

    /// <summary>A deferred transaction: it takes no lock until its first read, which then sees one snapshot (WAL) to the
    /// end; an immediate one would hold the write lock for the whole report.</summary>
    protected override ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        new(UnixEpochTicks + (reader.GetInt64(ordinal) * TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);

    protected override string QuarterHourOf(string column) => QuarterHourSql(column);

    protected override string UnfinishedInteractions => "interactions INDEXED BY ix_interactions_unserved";

    /// <summary>The UTC quarter hour of a stored time, as the queue report groups by it and migration 0004 indexes it:
    /// the two must read the same for SQLite to use that index.</summary>
    internal static string QuarterHourSql(string column) => $"({column} / {MicrosecondsPerQuarterHour})";

    protected override string MillisecondsBetween(string from, string to) => $"((({to}) - ({from})) / 1000)";

    private static readonly long MicrosecondsPerQuarterHour = (long)TimeSpan.FromMinutes(15).TotalMicroseconds;

    private void Upsert<T>(SqliteConnection connection, HistoryTable<T> table, IReadOnlyList<T> rows, CancellationToken cancellationToken,
        Action<T>? changed = null)
    {
        if (rows.Count == 0)
        {
            return;
        }
        using var upsert = new SqliteUpsert<T>(connection, table, Microseconds);
        foreach (var row in rows)
        {
            // SQLite has no asynchronous I/O: the batch runs synchronously on the writer thread.
            cancellationToken.ThrowIfCancellationRequested();
            if (upsert.Write(row) > 0)
            {
                changed?.Invoke(row);
            }
        }
    }

    private static long Microseconds(DateTimeOffset time) => (time.UtcTicks - UnixEpochTicks) / TimeSpan.TicksPerMicrosecond;

    /// <summary>
    /// Writes the agent intervals and tells the feed what each write did. An open interval is inserted or, stored
    /// already, left alone. A closed one is inserted (it began and ended) or else closes the stored open one (it ended):
    /// two statements that say which happened, where one upsert would not.
    /// </summary>
    private static void WriteIntervals(SqliteConnection connection, IReadOnlyList<AgentStateInterval> intervals, FeedEntries feed, CancellationToken cancellationToken)
    {
        if (intervals.Count == 0)
        {
            return;
        }
        var table = HistoryTables.AgentIntervals;
        using var upsert = new SqliteUpsert<AgentStateInterval>(connection, table, Microseconds);
        using var insert = new SqliteUpsert<AgentStateInterval>(connection, table, Microseconds, table.OnConflictDoNothing);
        using var close = new SqliteStatement(connection,
            $"UPDATE {table.Name} SET {HistoryTable<AgentStateInterval>.EndColumn} = ?4 WHERE tenant_id = ?1 AND agent_id = ?2 AND sequence = ?3 " +
            $"AND {HistoryTable<AgentStateInterval>.EndColumn} IS NULL", Microseconds);
        foreach (var interval in intervals)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (interval.EndedAt is null)
            {
                if (upsert.Write(interval) > 0)
                {
                    feed.Interval(interval, inserted: true);
                }
                continue;
            }
            if (insert.Write(interval) > 0)
            {
                feed.Interval(interval, inserted: true);
                continue;
            }
            close.BindText(1, interval.TenantId);
            close.BindText(2, interval.AgentId);
            close.BindInteger(3, interval.Sequence);
            close.BindTime(4, interval.EndedAt);
            if (close.Execute() > 0)
            {
                feed.Interval(interval, inserted: false);
            }
        }
    }

    /// <summary>Numbers and appends the batch's feed events: each the tenant's last position plus one. SQLite lets one
    /// transaction write at a time, so no other writer can take a position in between and commits come in position order;
    /// the last position is so read once per tenant and batch.</summary>
    private static void AppendFeed(SqliteConnection connection, FeedEntries feed, CancellationToken cancellationToken)
    {
        if (feed.Count == 0)
        {
            return;
        }
        using var last = new SqliteStatement(connection, $"SELECT COALESCE(MAX(position), 0) FROM {FeedTable} WHERE tenant_id = ?1", Microseconds);
        using var append = new SqliteStatement(connection,
            $"INSERT INTO {FeedTable} (tenant_id, position, type, subject, at, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", Microseconds);
        var positions = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var entry in feed.InTimeOrder())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!positions.TryGetValue(entry.TenantId, out var position))
            {
                last.BindText(1, entry.TenantId);
                position = last.ReadInteger();
            }
            positions[entry.TenantId] = ++position;
            append.BindText(1, entry.TenantId);
            append.BindInteger(2, position);
            append.BindText(3, entry.Type);
            append.BindText(4, entry.Subject);
            append.BindTime(5, entry.At);
            append.BindUtf8(6, feed.DataOf(entry));
            append.Execute();
        }
    }
}
