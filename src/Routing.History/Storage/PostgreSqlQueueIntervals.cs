using Npgsql;
using NpgsqlTypes;
using Routing.History.Schema;

namespace Routing.History.Storage;

/// <summary>
/// The queue interval aggregates' part of a PostgreSQL batch. Several writers (and silos) store batches at once, and two
/// may carry the same final version (a retry, a grain recording again): each would find the stored row not final yet and
/// count it. So a batch with final interactions first takes a transaction-scoped advisory lock per tenant (name order,
/// before any row lock, held to commit), then looks up which of them are stored final already, in one round trip; the
/// others are added with the batch's upserts. The batches of a tenant that finish interactions so commit their additions
/// one after another (they would queue on the same hot aggregate rows anyway); batches without final interactions take
/// no lock. The purge takes the same lock while it rebuilds.
/// </summary>
internal static class PostgreSqlQueueIntervals
{
    /// <summary>Per-tenant aggregate locks live in this advisory-lock space ("qint" in ASCII), apart from the feed's.</summary>
    private const int LockSpace = 0x71696e74;

    public static async Task<QueueIntervalDeltas> FirstFinalVersionsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<InteractionRecord> interactions, CancellationToken cancellationToken)
    {
        var deltas = new QueueIntervalDeltas();
        var final = interactions.Where(QueueIntervalDeltas.Counts).ToList();
        if (final.Count == 0)
        {
            return deltas;
        }
        await using var statements = new NpgsqlBatch(connection, transaction);
        foreach (var tenant in final.Select(interaction => interaction.TenantId).Distinct().Order(StringComparer.Ordinal))
        {
            statements.BatchCommands.Add(LockCommand(tenant));
        }
        var lookup = new NpgsqlBatchCommand(
            $"SELECT tenant_id, interaction_id FROM {HistoryTables.Interactions.Name} WHERE (tenant_id, interaction_id) IN " +
            $"(SELECT * FROM unnest(@tenants, @ids)) AND state IN {QueueIntervals.FinalStates}");
        lookup.Parameters.Add(new NpgsqlParameter("tenants", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = final.Select(i => i.TenantId).ToArray() });
        lookup.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = final.Select(i => i.InteractionId).ToArray() });
        statements.BatchCommands.Add(lookup);
        var storedFinal = new HashSet<(string, string)>();
        await using (var reader = await statements.ExecuteReaderAsync(cancellationToken))
        {
            do
            {
                while (reader.FieldCount == 2 && await reader.ReadAsync(cancellationToken))
                {
                    storedFinal.Add((reader.GetString(0), reader.GetString(1)));
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }
        foreach (var interaction in final)
        {
            if (!storedFinal.Contains((interaction.TenantId, interaction.InteractionId)))
            {
                deltas.Add(interaction);
            }
        }
        return deltas;
    }

    /// <summary>Adds the additive upsert of <paramref name="deltas"/> to the batch's statements (whole columns as arrays).</summary>
    public static void AddUpsert(NpgsqlBatch statements, QueueIntervalDeltas deltas)
    {
        if (deltas.Count == 0)
        {
            return;
        }
        var rows = deltas.InKeyOrder().ToList();
        var columns = QueueIntervals.Key.Count + QueueIntervals.ValueColumns.Count;
        var command = new NpgsqlBatchCommand(
            $"INSERT INTO {QueueIntervals.Name} ({QueueIntervals.ColumnList}) " +
            $"SELECT * FROM unnest({string.Join(", ", Enumerable.Range(0, columns).Select(i => $"@q{i}"))}) " +
            QueueIntervals.AddOnConflict("GREATEST"));
        command.Parameters.Add(new NpgsqlParameter("q0", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(row => row.Tenant).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("q1", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(row => row.Quarter).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("q2", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(row => row.Queue).ToArray() });
        for (var i = 0; i < QueueIntervals.ValueColumns.Count; i++)
        {
            var column = i;
            command.Parameters.Add(new NpgsqlParameter($"q{3 + i}", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(row => row.Values[column]).ToArray() });
        }
        statements.BatchCommands.Add(command);
    }

    /// <summary>Takes the tenant's aggregate lock until the transaction ends (the purge, before it rebuilds).</summary>
    public static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string tenant, CancellationToken cancellationToken)
    {
        await using var statements = new NpgsqlBatch(connection, transaction);
        statements.BatchCommands.Add(LockCommand(tenant));
        await statements.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand LockCommand(string tenant)
    {
        var command = new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({LockSpace}, hashtext(@tenant))");
        command.Parameters.Add(new NpgsqlParameter("tenant", NpgsqlDbType.Text) { Value = tenant });
        return command;
    }
}
