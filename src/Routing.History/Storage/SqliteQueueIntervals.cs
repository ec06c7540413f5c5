using Microsoft.Data.Sqlite;
using Routing.History.Schema;

namespace Routing.History.Storage;

/// <summary>
/// The queue interval aggregates' part of a SQLite batch: before the upserts, which of the batch's final interactions are
/// stored final already (those were counted when that version was first stored); after them, the others added to
/// <c>queue_intervals</c>. SQLite has one writer at a time, so nothing can store the same final version between the
/// look-up and the commit.
/// </summary>
internal static class SqliteQueueIntervals
{
    /// <summary>What the batch adds: its final interactions whose stored row is missing or not final yet.</summary>
    public static QueueIntervalDeltas FirstFinalVersions(SqliteConnection connection, IReadOnlyList<InteractionRecord> interactions,
        Func<DateTimeOffset, long> time, CancellationToken cancellationToken)
    {
        var deltas = new QueueIntervalDeltas();
        SqliteStatement? stored = null;
        try
        {
            foreach (var interaction in interactions)
            {
                if (!QueueIntervalDeltas.Counts(interaction))
                {
                    continue;
                }
                cancellationToken.ThrowIfCancellationRequested();
                stored ??= new SqliteStatement(connection,
                    $"SELECT state IN {QueueIntervals.FinalStates} FROM {HistoryTables.Interactions.Name} WHERE tenant_id = ?1 AND interaction_id = ?2", time);
                stored.BindText(1, interaction.TenantId);
                stored.BindText(2, interaction.InteractionId);
                if (stored.ReadOptionalInteger() is null or 0)
                {
                    deltas.Add(interaction);
                }
            }
        }
        finally
        {
            stored?.Dispose();
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
