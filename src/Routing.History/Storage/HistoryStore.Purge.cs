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
        foreach (var rule in HistoryTables.Purges)
        {
            var parameters = new SqlParameters();
            var tenant = parameters.Add(tenantId);
            var cutOff = parameters.Add(TimeValue(before));
            var condition = rule.WithInteraction
                ? $"({rule.TimeColumn} < {cutOff} OR interaction_id IN (SELECT interaction_id FROM {HistoryTables.Interactions.Name} WHERE tenant_id = {tenant} AND arrived_at < {cutOff}))"
                : $"{rule.TimeColumn} < {cutOff}";
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
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <summary>The first column of every row <paramref name="sql"/> returns, as text (for the schema test).</summary>
    internal Task<IReadOnlyList<string>> ReadTextAsync(string sql, CancellationToken cancellationToken) =>
        QueryAsync(sql, [], row => row.TextAt(0), cancellationToken);
}
