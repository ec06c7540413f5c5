using System.Data.Common;
using Microsoft.Extensions.Logging;
using Routing.Core;
using Routing.History.Schema;

namespace Routing.History.Storage;

/// <summary>What both providers share: migrations and the lookups (plain SQL that reads the same on both). Each
/// provider writes batches its own fastest way and keeps times its own way.</summary>
internal abstract partial class HistoryStore(HistoryProvider provider, string connectionString, ILogger logger) : IHistoryStore, Reports.IHistoryReports
{
    public HistoryProvider Provider { get; } = provider;

    protected string ConnectionString { get; } = connectionString;

    public virtual Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken) =>
        Task.Run(() => HistoryMigrator.Migrate(Provider, ConnectionString, logger), cancellationToken);

    public abstract Task WriteAsync(HistoryBatch batch, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    /// <summary>Facts the writer could not even turn into rows (a required value left null, a bad enum) are refused
    /// the same way on every try; the provider adds what its database refuses.</summary>
    public virtual bool IsRejection(Exception exception) =>
        exception is NullReferenceException or InvalidCastException or ArgumentException or FormatException or OverflowException or System.Text.Json.JsonException;

    /// <summary>An open connection.</summary>
    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A read-only transaction whose reads all see one snapshot (a report made of several queries).</summary>
    protected abstract ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Keeps the writers from adding to the queue interval aggregates until the transaction ends (the purge
    /// rebuilds them); SQLite's single writer needs nothing.</summary>
    protected virtual Task LockQueueIntervalsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>A time as the provider keeps it (a parameter value).</summary>
    protected abstract object TimeValue(DateTimeOffset time);

    /// <summary>A stored time, back in UTC.</summary>
    protected abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>SQL for the number of the UTC quarter hour (since the Unix epoch) that <paramref name="column"/>'s time falls in.</summary>
    protected abstract string QuarterHourOf(string column);

    /// <summary>SQL for the whole milliseconds from time <paramref name="from"/> to time <paramref name="to"/>.</summary>
    protected abstract string MillisecondsBetween(string from, string to);

    public async Task<InteractionRecord?> FindInteractionAsync(string tenantId, string interactionId, CancellationToken cancellationToken)
    {
        var key = new Dictionary<string, object> { ["tenant"] = tenantId, ["id"] = interactionId };
        var legs = await QueryAsync(
            $"SELECT {HistoryTables.Legs.ColumnList} FROM {HistoryTables.Legs.Name} WHERE tenant_id = @tenant AND interaction_id = @id ORDER BY leg_index",
            key, HistoryMapping.Leg, cancellationToken);
        var interactions = await QueryAsync(
            $"SELECT {HistoryTables.Interactions.ColumnList} FROM {HistoryTables.Interactions.Name} WHERE tenant_id = @tenant AND interaction_id = @id",
            key, row => HistoryMapping.Interaction(row) with { Legs = legs }, cancellationToken);
        return interactions.SingleOrDefault();
    }

    public Task<IReadOnlyList<InteractionEventRecord>> ReadTimelineAsync(string tenantId, string interactionId, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {HistoryTables.Events.ColumnList} FROM {HistoryTables.Events.Name} WHERE tenant_id = @tenant AND interaction_id = @id ORDER BY sequence",
            new Dictionary<string, object> { ["tenant"] = tenantId, ["id"] = interactionId }, HistoryMapping.Event, cancellationToken);

    public Task<IReadOnlyList<AgentStateInterval>> ReadAgentIntervalsAsync(string tenantId, string agentId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {HistoryTables.AgentIntervals.ColumnList} FROM {HistoryTables.AgentIntervals.Name} " +
            "WHERE tenant_id = @tenant AND agent_id = @agent AND started_at >= @from AND started_at < @to ORDER BY started_at, sequence",
            new Dictionary<string, object> { ["tenant"] = tenantId, ["agent"] = agentId, ["from"] = TimeValue(from), ["to"] = TimeValue(to) },
            HistoryMapping.AgentInterval, cancellationToken);

    public Task<IReadOnlyList<SupervisorActionRecord>> ReadSupervisorActionsAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {HistoryTables.SupervisorActions.ColumnList} FROM {HistoryTables.SupervisorActions.Name} " +
            "WHERE tenant_id = @tenant AND at >= @from AND at < @to ORDER BY at, action_id",
            new Dictionary<string, object> { ["tenant"] = tenantId, ["from"] = TimeValue(from), ["to"] = TimeValue(to) },
            HistoryMapping.SupervisorAction, cancellationToken);

    public async Task<HistoryCounts> CountAsync(string tenantId, CancellationToken cancellationToken)
    {
        string[] tables = [HistoryTables.Interactions.Name, HistoryTables.Legs.Name, HistoryTables.Events.Name, HistoryTables.AgentIntervals.Name, HistoryTables.SupervisorActions.Name];
        var sql = string.Join(" UNION ALL ", tables.Select((table, index) => $"SELECT CAST({index} AS BIGINT) AS t, COUNT(*) AS n FROM {table} WHERE tenant_id = @tenant"));
        var rows = await QueryAsync(sql, new Dictionary<string, object> { ["tenant"] = tenantId }, row => (Table: row.Integer("t"), Count: row.Integer("n")), cancellationToken);
        var counts = rows.OrderBy(row => row.Table).Select(row => row.Count).ToArray();
        return new HistoryCounts(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Dictionary<string, object> parameters, Func<HistoryRow, T> map, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await QueryAsync(connection, null, sql, parameters, map, cancellationToken);
    }

    /// <summary>A query on an open connection, in <paramref name="transaction"/> if there is one.</summary>
    private async Task<IReadOnlyList<T>> QueryAsync<T>(DbConnection connection, DbTransaction? transaction, string sql, Dictionary<string, object> parameters,
        Func<HistoryRow, T> map, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql, parameters);
        command.Transaction = transaction;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var row = new HistoryRow(reader, ReadTime);
        var results = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            results.Add(map(row));
        }
        return results;
    }

    /// <summary>A command of <paramref name="sql"/> with its named parameters (<c>@name</c>).</summary>
    private static DbCommand Command(DbConnection connection, string sql, Dictionary<string, object> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        AddParameters(command, parameters);
        return command;
    }

    private static void AddParameters(DbCommand command, Dictionary<string, object> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }
}
