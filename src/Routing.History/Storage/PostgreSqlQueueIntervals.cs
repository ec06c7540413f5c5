using Npgsql;
using NpgsqlTypes;
using Routing.Core;
using Routing.History.Schema;

namespace Routing.History.Storage;

/// <summary>
/// The queue interval aggregates' part of a PostgreSQL batch: one statement, in the batch's round trip. It inserts the
/// keys of the batch's final interactions into <c>queue_interval_members</c> (<c>ON CONFLICT DO NOTHING</c>) and sums
/// into <c>queue_intervals</c> the figures of those it really inserted, which it is sent with them as column arrays (the
/// record's, as SQLite's writer sums them: no table is read). Several writers (and silos) may carry the same final version
/// at once: the unique key makes the second wait for the first's commit and then insert nothing, so the interaction
/// counts once, without a lock of the writers' own.
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
        var legs = final.SelectMany(interaction => interaction.Legs.Where(leg => leg.Index > 0 || leg.Transferred).Select(leg => (interaction, leg))).ToList();
        const string joined = "ON i.tenant_id = c.tenant_id AND i.interaction_id = c.interaction_id";
        var command = new NpgsqlBatchCommand(
            $"WITH counted AS (INSERT INTO {QueueIntervals.Members} (tenant_id, interaction_id) SELECT * FROM unnest(@tenants, @ids) " +
            "ON CONFLICT DO NOTHING RETURNING tenant_id, interaction_id) " +
            QueueIntervals.Fill(PostgreSqlHistoryStore.QuarterHourSql, conflict: QueueIntervals.AddOnConflict("GREATEST"),
                interactions: "counted c JOIN unnest(@tenants, @ids, @arrivals, @queues, @states, @answers, @waits, @talks, @wrap_ups) " +
                    $"AS i(tenant_id, interaction_id, arrived_at, queue_id, state, answered_at, wait_ms, talk_ms, wrap_up_ms) {joined}",
                legs: "counted c JOIN unnest(@leg_tenants, @leg_ids, @leg_queues, @leg_connections, @leg_indexes, @leg_transfers) " +
                    $"AS l(tenant_id, interaction_id, queue_id, connected_at, leg_index, transferred) {joined.Replace("i.", "l.", StringComparison.Ordinal)}"));
        var parameters = command.Parameters;
        parameters.Add(Column("tenants", NpgsqlDbType.Text, final, i => i.TenantId));
        parameters.Add(Column("ids", NpgsqlDbType.Text, final, i => i.InteractionId));
        parameters.Add(Column("arrivals", NpgsqlDbType.TimestampTz, final, i => i.ArrivedAt.UtcDateTime));
        parameters.Add(Column("queues", NpgsqlDbType.Text, final, i => i.QueueId));
        parameters.Add(Column("states", NpgsqlDbType.Text, final, i => EnumText<InteractionStatus>.Of(i.State)));
        parameters.Add(Column("answers", NpgsqlDbType.TimestampTz, final, i => i.AnsweredAt?.UtcDateTime));
        parameters.Add(Column("waits", NpgsqlDbType.Bigint, final, i => HistoryTables.Milliseconds(i.Wait)));
        parameters.Add(Column("talks", NpgsqlDbType.Bigint, final, i => HistoryTables.Milliseconds(i.Talk)));
        parameters.Add(Column("wrap_ups", NpgsqlDbType.Bigint, final, i => HistoryTables.Milliseconds(i.WrapUp)));
        parameters.Add(Column("leg_tenants", NpgsqlDbType.Text, legs, l => l.interaction.TenantId));
        parameters.Add(Column("leg_ids", NpgsqlDbType.Text, legs, l => l.interaction.InteractionId));
        parameters.Add(Column("leg_queues", NpgsqlDbType.Text, legs, l => l.leg.QueueId));
        parameters.Add(Column("leg_connections", NpgsqlDbType.TimestampTz, legs, l => l.leg.ConnectedAt.UtcDateTime));
        parameters.Add(Column("leg_indexes", NpgsqlDbType.Bigint, legs, l => (long)l.leg.Index));
        parameters.Add(Column("leg_transfers", NpgsqlDbType.Boolean, legs, l => l.leg.Transferred));
        statements.BatchCommands.Add(command);
    }

    /// <summary>Keeps the writers out of <c>queue_intervals</c> until the transaction ends (the purge, while it rebuilds
    /// quarter hours: a writer's new row committed between its delete and its insert would collide). Reads go on.</summary>
    public static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"LOCK TABLE {QueueIntervals.Name} IN EXCLUSIVE MODE", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Column<T, TValue>(string name, NpgsqlDbType type, List<T> rows, Func<T, TValue> value) =>
        new(name, NpgsqlDbType.Array | type) { Value = rows.Select(value).ToArray() };
}
