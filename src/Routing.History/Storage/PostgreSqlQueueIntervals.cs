using Npgsql;
using NpgsqlTypes;
using Routing.History.Schema;

namespace Routing.History.Storage;

/// <summary>
/// The queue interval aggregates' part of a PostgreSQL batch: one statement, after the interactions' and legs' upserts,
/// in the same round trip. It inserts the keys of the batch's final interactions into <c>queue_interval_members</c>
/// (<c>ON CONFLICT DO NOTHING</c>), and sums the stored rows of those it really inserted into <c>queue_intervals</c>.
/// Several writers (and silos) may carry the same final version at once: the unique key makes the second wait for the
/// first's commit and then insert nothing, so the interaction counts once, without a lock of the writers' own.
/// </summary>
internal static class PostgreSqlQueueIntervals
{
    public static void AddStatement(NpgsqlBatch statements, IReadOnlyList<InteractionRecord> interactions)
    {
        var final = interactions.Where(QueueIntervalDeltas.Counts).ToList();
        if (final.Count == 0)
        {
            return;
        }
        const string counted = "(SELECT tenant_id, interaction_id FROM counted)";
        var command = new NpgsqlBatchCommand(
            $"WITH counted AS (INSERT INTO {QueueIntervals.Members} (tenant_id, interaction_id) SELECT * FROM unnest(@member_tenants, @member_ids) " +
            "ON CONFLICT DO NOTHING RETURNING tenant_id, interaction_id) " +
            QueueIntervals.Fill(PostgreSqlHistoryStore.QuarterHourSql, $"(i.tenant_id, i.interaction_id) IN {counted}", $"(l.tenant_id, l.interaction_id) IN {counted}",
                QueueIntervals.AddOnConflict("GREATEST")));
        command.Parameters.Add(new NpgsqlParameter("member_tenants", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = final.Select(i => i.TenantId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("member_ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = final.Select(i => i.InteractionId).ToArray() });
        statements.BatchCommands.Add(command);
    }

    /// <summary>Keeps the writers out of <c>queue_intervals</c> until the transaction ends (the purge, while it rebuilds
    /// quarter hours: a writer's new row committed between its delete and its insert would collide). Reads go on.</summary>
    public static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"LOCK TABLE {QueueIntervals.Name} IN EXCLUSIVE MODE", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
