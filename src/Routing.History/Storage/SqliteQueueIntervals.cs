using Microsoft.Data.Sqlite;
using Routing.History.Schema;

namespace Routing.History.Storage;

/// <summary>
/// The queue interval aggregates' part of a SQLite batch: each of the batch's final interactions is counted if its key is
/// new to <c>queue_interval_members</c> (a final version stored before, by this batch's retry or an earlier batch, put it
/// there); those are summed and added to <c>queue_intervals</c>, in the batch's transaction.
/// </summary>
internal static class SqliteQueueIntervals
{
    /// <summary>What the batch adds: its final interactions not counted yet, whose keys it inserts.</summary>
    public static QueueIntervalDeltas NotCountedYet(SqliteConnection connection, IReadOnlyList<InteractionRecord> interactions,
        Func<DateTimeOffset, long> time, CancellationToken cancellationToken)
    {
        var deltas = new QueueIntervalDeltas();
        SqliteStatement? member = null;
        try
        {
            foreach (var interaction in interactions)
            {
                if (!QueueIntervalDeltas.Counts(interaction))
                {
                    continue;
                }
                cancellationToken.ThrowIfCancellationRequested();
                member ??= new SqliteStatement(connection,
                    $"INSERT INTO {QueueIntervals.Members} (tenant_id, interaction_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING", time);
                member.BindText(1, interaction.TenantId);
                member.BindText(2, interaction.InteractionId);
                if (member.Execute() > 0)
                {
                    deltas.Add(interaction);
                }
            }
        }
        finally
        {
            member?.Dispose();
        }
        return deltas;
    }

    /// <summary>Adds the batch's sums to the stored rows (a row per key, inserted when new).</summary>
    public static void Add(SqliteConnection connection, QueueIntervalDeltas deltas, Func<DateTimeOffset, long> time, CancellationToken cancellationToken)
    {
        if (deltas.Count == 0)
        {
            return;
        }
        var columns = QueueIntervals.Key.Count + QueueIntervals.ValueColumns.Count;
        using var upsert = new SqliteStatement(connection,
            $"INSERT INTO {QueueIntervals.Name} ({QueueIntervals.ColumnList}) VALUES ({string.Join(", ", Enumerable.Range(1, columns).Select(i => $"?{i}"))}) " +
            QueueIntervals.AddOnConflict("MAX"), time);
        foreach (var (tenant, quarter, queue, values) in deltas.InKeyOrder())
        {
            cancellationToken.ThrowIfCancellationRequested();
            upsert.BindText(1, tenant);
            upsert.BindInteger(2, quarter);
            upsert.BindText(3, queue);
            for (var i = 0; i < values.Length; i++)
            {
                upsert.BindInteger(4 + i, values[i]);
            }
            upsert.Execute();
        }
    }
}
