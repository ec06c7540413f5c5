using System.Data.Common;
using Routing.History.Schema;

namespace Routing.History.Storage;

/// <summary>The retention purge: table by table as <see cref="HistoryTables.Purges"/> lists them, in one transaction, so
/// a purge that fails part-way deletes nothing and a new table is purged once it is listed there.</summary>
internal abstract partial class HistoryStore
{
    public async Task<IReadOnlyDictionary<string, long>> PurgeAsync(string tenantId, DateTimeOffset before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        var deleted = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        (long First, long Last)? rebuild = null;
        foreach (var rule in HistoryTables.Purges)
        {
            if (rule.Aggregates)
            {
                (rebuild, deleted[rule.Table]) = await PurgeQueueIntervalsAsync(connection, transaction, tenantId, before, cancellationToken);
                continue;
            }
            var parameters = new SqlParameters();
            var tenant = parameters.Add(tenantId);
            var cutOff = parameters.Add(TimeValue(before));
            var ofPurgedInteraction = $"interaction_id IN (SELECT interaction_id FROM {HistoryTables.Interactions.Name} WHERE tenant_id = {tenant} AND arrived_at < {cutOff})";
            var condition = (rule.TimeColumn, rule.WithInteraction) switch
            {
                (null, _) => ofPurgedInteraction,
                (_, true) => $"({rule.TimeColumn} < {cutOff} OR {ofPurgedInteraction})",
                _ => $"{rule.TimeColumn} < {cutOff}",
            };
            if (rule.KeepHighest is { } kept)
            {
                condition += $" AND {kept} < (SELECT MAX({kept}) FROM {rule.Table} WHERE tenant_id = {tenant})";
            }
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"DELETE FROM {rule.Table} WHERE tenant_id = {tenant} AND {condition}";
            AddParameters(command, parameters.Values);
            deleted[rule.Table] = await command.ExecuteNonQueryAsync(cancellationToken);
        }
        if (rebuild is { } quarters)
        {
            await RebuildQueueIntervalsAsync(connection, transaction, tenantId, quarters.First, quarters.Last, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <summary>
    /// The queue interval aggregates' part of a purge, run before the other tables' deletes: the rows of the quarter hours
    /// wholly before the cut-off go (everything they count goes); the quarter hours from the cut-off's to the last in which
    /// a transferring leg goes with its interaction (one that arrived before the cut-off, its leg connected after) are
    /// rebuilt from the rows that stay, once those are deleted. Returns that range and how many rows went.
    /// </summary>
    private async Task<((long First, long Last) Rebuild, long Deleted)> PurgeQueueIntervalsAsync(DbConnection connection, DbTransaction transaction,
        string tenantId, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var first = Reports.QueueBucket.QuarterHour(before);
        var parameters = new SqlParameters();
        var (tenant, cutOff, firstQuarter) = (parameters.Add(tenantId), parameters.Add(TimeValue(before)), parameters.Add(first));
        // An interaction alive at the cut-off has no end before it; its legs are few, so this reads little beyond the
        // interactions the purge deletes anyway.
        var last = (await QueryAsync(connection, transaction, $"""
            SELECT COALESCE(MAX({QuarterHourOf("l.connected_at")}), {firstQuarter}) AS last
            FROM {HistoryTables.Interactions.Name} i CROSS JOIN {HistoryTables.Legs.Name} l
            WHERE i.tenant_id = {tenant} AND i.arrived_at < {cutOff} AND (i.ended_at IS NULL OR i.ended_at >= {cutOff})
              AND l.tenant_id = i.tenant_id AND l.interaction_id = i.interaction_id AND l.connected_at >= {cutOff} AND (l.leg_index > 0 OR l.transferred)
            """, parameters.Values, row => row.Integer("last"), cancellationToken))[0];
        var deleted = await ExecuteAsync(connection, transaction,
            $"DELETE FROM {QueueIntervals.Name} WHERE tenant_id = @tenant AND quarter < @first", new() { ["tenant"] = tenantId, ["first"] = first }, cancellationToken);
        return ((first, Math.Max(first, last)), deleted);
    }

    /// <summary>Rebuilds the tenant's aggregates of quarter hours <paramref name="first"/> to <paramref name="last"/> from the
    /// interactions and legs that stay (the same SQL as migration 0007's fill).</summary>
    private async Task RebuildQueueIntervalsAsync(DbConnection connection, DbTransaction transaction, string tenantId, long first, long last,
        CancellationToken cancellationToken)
    {
        await LockQueueIntervalsAsync(connection, transaction, cancellationToken);
        var parameters = new Dictionary<string, object> { ["tenant"] = tenantId, ["first"] = first, ["last"] = last };
        await ExecuteAsync(connection, transaction,
            $"DELETE FROM {QueueIntervals.Name} WHERE tenant_id = @tenant AND quarter BETWEEN @first AND @last", parameters, cancellationToken);
        await ExecuteAsync(connection, transaction, QueueIntervals.Fill(QuarterHourOf,
            $"i.tenant_id = @tenant AND {QuarterHourOf("i.arrived_at")} BETWEEN @first AND @last",
            $"l.tenant_id = @tenant AND {QuarterHourOf("l.connected_at")} BETWEEN @first AND @last"), parameters, cancellationToken);
    }

    private static async Task<long> ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, Dictionary<string, object> parameters,
        CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql, parameters);
        command.Transaction = transaction;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The first column of every row <paramref name="sql"/> returns, as text (for the schema test).</summary>
    internal Task<IReadOnlyList<string>> ReadTextAsync(string sql, CancellationToken cancellationToken) =>
        QueryAsync(sql, [], row => row.TextAt(0), cancellationToken);
}
