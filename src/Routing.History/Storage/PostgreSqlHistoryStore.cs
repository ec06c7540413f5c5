using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Routing.History.Schema;

namespace Routing.History.Storage;

/// <summary>
/// The PostgreSQL store. A batch is one transaction and one round trip: per table a single
/// <c>INSERT … SELECT … FROM unnest(@p0, @p1, …) ON CONFLICT …</c> whose parameters are whole columns sent as
/// binary arrays, all tables in one <see cref="NpgsqlBatch"/>.
/// </summary>
internal sealed class PostgreSqlHistoryStore : HistoryStore
{
    /// <summary>Migrations from several silos take turns on this session lock ("history" in ASCII).</summary>
    private const long MigrationLockKey = 0x68697374_6f7279;

    private readonly NpgsqlDataSource _dataSource;

    public PostgreSqlHistoryStore(string connectionString, ILogger logger)
        : base(HistoryProvider.PostgreSql, connectionString, logger)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public override async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", connection))
        {
            await take.ExecuteNonQueryAsync(cancellationToken);
        }
        // Closing the connection releases the lock too, should the unlock below never run.
        var applied = await base.MigrateAsync(cancellationToken);
        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", connection))
        {
            await release.ExecuteNonQueryAsync(cancellationToken);
        }
        return applied;
    }

    public override async Task WriteAsync(HistoryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.IsEmpty)
        {
            return;
        }
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var statements = new NpgsqlBatch(connection, transaction);
        AddUpsert(statements, HistoryTables.Interactions, batch.Interactions);
        AddUpsert(statements, HistoryTables.Legs, batch.Legs);
        // The queue interval aggregates: the final interactions this batch is the first to store.
        PostgreSqlQueueIntervals.AddStatement(statements, batch.Interactions);
        // The event feed: these statements return the rows they really inserted or changed (PostgreSqlFeed).
        AddUpsert(statements, HistoryTables.Events, batch.Events, PostgreSqlFeed.EventsReturning);
        AddUpsert(statements, HistoryTables.AgentIntervals, batch.AgentIntervals, PostgreSqlFeed.IntervalsReturning);
        AddUpsert(statements, HistoryTables.SupervisorActions, batch.SupervisorActions, PostgreSqlFeed.ActionsReturning);
        var feed = Feeds.Rent();
        try
        {
            await PostgreSqlFeed.ChangedAsync(statements, batch, feed, cancellationToken);
            await PostgreSqlFeed.AppendAsync(connection, transaction, feed, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            NotifyFeed(feed);
        }
        finally
        {
            Feeds.Return(feed);
        }
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>SQLSTATE classes 22 (data exception: a value too long, out of range, bad JSON) and 23 (integrity
    /// constraint violation: a required value missing) refuse the rows themselves.</summary>
    public override bool IsRejection(Exception exception) =>
        exception is PostgresException { SqlState: [ '2', '2' or '3', ..] } || base.IsRejection(exception);

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    protected override object TimeValue(DateTimeOffset time) => time.UtcDateTime;

    protected override Task LockQueueIntervalsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        PostgreSqlQueueIntervals.LockAsync((NpgsqlConnection)connection, (NpgsqlTransaction)transaction, cancellationToken);

    protected override async ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);

    protected override string JsonParameter(string name) => $"CAST({name} AS jsonb)";

    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    protected override string QuarterHourOf(string column) => QuarterHourSql(column);

    /// <summary>The UTC quarter hour of a stored time, as the queue report groups by it and migration 0004 indexes it.
    /// Through <c>AT TIME ZONE 'UTC'</c>, because extracting from a <c>timestamptz</c> depends on the session's time
    /// zone, which an index expression may not.</summary>
    internal static string QuarterHourSql(string column) => $"CAST(floor(extract(epoch FROM ({column} AT TIME ZONE 'UTC')) / 900) AS BIGINT)";

    protected override string MillisecondsBetween(string from, string to) => $"CAST(floor(extract(epoch FROM ({to}) - ({from})) * 1000) AS BIGINT)";

    private static void AddUpsert<T>(NpgsqlBatch statements, HistoryTable<T> table, IReadOnlyCollection<T> rows, string returning = "")
    {
        if (rows.Count == 0)
        {
            return;
        }
        var command = new NpgsqlBatchCommand(
            $"INSERT INTO {table.Name} ({table.ColumnList}) " +
            $"SELECT {string.Join(", ", table.Columns.Select(column => column.Kind == ColumnKind.Json ? $"{column.Name}::jsonb" : column.Name))} " +
            $"FROM unnest({string.Join(", ", table.Columns.Select((_, i) => $"@p{i}"))}) AS u({table.ColumnList}) {table.OnConflict} {returning}");
        for (var i = 0; i < table.Columns.Count; i++)
        {
            command.Parameters.Add(ColumnParameter($"p{i}", table.Columns[i], rows));
        }
        statements.BatchCommands.Add(command);
    }

    /// <summary>One column of every row as a typed array (nulls where the value is null).</summary>
    private static NpgsqlParameter ColumnParameter<T>(string name, HistoryColumn<T> column, IReadOnlyCollection<T> rows) => column.Kind switch
    {
        ColumnKind.Text or ColumnKind.Json => Array(name, NpgsqlDbType.Text, rows, row => (string?)column.Value(row)),
        ColumnKind.Integer => Array(name, NpgsqlDbType.Bigint, rows, row => (long?)column.Value(row)),
        ColumnKind.Boolean => Array(name, NpgsqlDbType.Boolean, rows, row => (bool?)column.Value(row)),
        ColumnKind.Time => Array(name, NpgsqlDbType.TimestampTz, rows, row => ((DateTimeOffset?)column.Value(row))?.UtcDateTime),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Kind, "unknown column kind"),
    };

    private static NpgsqlParameter Array<T, TValue>(string name, NpgsqlDbType type, IReadOnlyCollection<T> rows, Func<T, TValue> value)
    {
        var values = new TValue[rows.Count];
        var i = 0;
        foreach (var row in rows)
        {
            values[i++] = value(row);
        }
        return new NpgsqlParameter(name, NpgsqlDbType.Array | type) { Value = values };
    }
}
