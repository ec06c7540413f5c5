using Routing.Core;
using Routing.History.Reports;
using Routing.History.Schema;

namespace Routing.History.Storage;

/// <summary>
/// What one SQLite batch adds to <c>queue_intervals</c>: the interactions whose final version the batch stores first (the
/// writer knows which: their keys were new to <c>queue_interval_members</c>), each summed once into its quarter hour of
/// arrival and queue, and its transferring legs into theirs. One row per key, in key order (writers lock the rows in the same
/// order). The values are the ones the row is stored with (durations rounded to milliseconds as the table keeps them).
/// </summary>
internal sealed class QueueIntervalDeltas
{
    private static readonly int TransferredInIndex = QueueIntervals.Counters.Count;
    private static readonly int TransferredOutIndex = TransferredInIndex + 1;

    private readonly Dictionary<(string Tenant, long Quarter, string Queue), long[]> _rows = [];

    public int Count => _rows.Count;

    /// <summary>Whether the write of <paramref name="interaction"/> may be the first of its final version (a final state
    /// never changes again): only those records count.</summary>
    public static bool Counts(InteractionRecord interaction) => interaction.State.IsFinal();

    /// <summary>Adds an interaction whose final version is being stored for the first time.</summary>
    public void Add(InteractionRecord interaction)
    {
        if (interaction.State != InteractionStatus.Rejected)
        {
            var facts = new QueueIntervalFacts(EnumText<InteractionStatus>.Of(interaction.State), interaction.AnsweredAt is not null,
                HistoryTables.Milliseconds(interaction.Wait), HistoryTables.Milliseconds(interaction.Talk), HistoryTables.Milliseconds(interaction.WrapUp));
            var values = Row(interaction.TenantId, interaction.ArrivedAt, interaction.QueueId);
            for (var i = 0; i < QueueIntervals.Counters.Count; i++)
            {
                var counter = QueueIntervals.Counters[i];
                var value = counter.Value(facts);
                values[i] = counter.IsMaximum ? Math.Max(values[i], value) : values[i] + value;
            }
        }
        foreach (var leg in interaction.Legs)
        {
            if (leg.Index > 0 || leg.Transferred)
            {
                var values = Row(interaction.TenantId, leg.ConnectedAt, leg.QueueId);
                values[TransferredInIndex] += leg.Index > 0 ? 1 : 0;
                values[TransferredOutIndex] += leg.Transferred ? 1 : 0;
            }
        }
    }

    /// <summary>The rows in key order: tenant, quarter hour, queue (ordinal).</summary>
    public IEnumerable<(string Tenant, long Quarter, string Queue, long[] Values)> InKeyOrder() => _rows
        .OrderBy(pair => pair.Key.Tenant, StringComparer.Ordinal).ThenBy(pair => pair.Key.Quarter).ThenBy(pair => pair.Key.Queue, StringComparer.Ordinal)
        .Select(pair => (pair.Key.Tenant, pair.Key.Quarter, pair.Key.Queue, pair.Value));

    private long[] Row(string tenant, DateTimeOffset time, string queue)
    {
        var key = (tenant, QueueBucket.QuarterHour(time), queue);
        if (!_rows.TryGetValue(key, out var values))
        {
            _rows[key] = values = new long[QueueIntervals.ValueColumns.Count];
        }
        return values;
    }
}
