using System.Data.Common;
using Routing.History.Reports;
using Routing.History.Schema;

namespace Routing.History.Storage;

/// <summary>The queue report's whole quarter hours: the aggregates kept at ingestion (<c>queue_intervals</c>) and what they
/// do not hold, read from the interactions.</summary>
internal abstract partial class HistoryStore
{
    /// <summary>Adds the figures of <paramref name="whole"/>, a range of whole UTC quarter hours.</summary>
    private async Task AddAggregatesAsync(DbConnection connection, DbTransaction snapshot, QueueReportQuery whole, List<QueueBucket> buckets,
        CancellationToken cancellationToken)
    {
        buckets.AddRange(await QueryAsync(connection, snapshot, AggregatesSql(whole, out var parameters), parameters.Values, row =>
        {
            var bucket = InteractionBucket(row);
            return bucket with
            {
                Figures = bucket.Figures with { TransferredIn = row.Integer(QueueIntervals.TransferredIn), TransferredOut = row.Integer(QueueIntervals.TransferredOut) },
            };
        }, cancellationToken));
        // Not final yet: not in the aggregates. The state index of migration 0001 finds them (a few, however long the range).
        buckets.AddRange(await QueryAsync(connection, snapshot, InteractionFiguresSql(whole, _ => Unfinished("state"), out parameters, byQuarterHours: false,
            from: UnfinishedInteractions), parameters.Values, InteractionBucket, cancellationToken));
        buckets.AddRange(await QueryAsync(connection, snapshot, UnfinishedTransfersSql(whole, out parameters), parameters.Values, TransferBucket, cancellationToken));
        if (ThresholdsNotKept(whole) is { } queues)
        {
            buckets.AddRange(await QueryAsync(connection, snapshot,
                InteractionFiguresSql(whole, p => $"state IN {QueueIntervals.ReportedFinalStates} AND {queues(p)}", out parameters), parameters.Values, row =>
                {
                    var figures = InteractionBucket(row);
                    return figures with { Figures = new QueueFigures
                    {
                        AnsweredWithinThreshold = figures.Figures.AnsweredWithinThreshold,
                        Abandoned = figures.Figures.Abandoned,
                        ShortAbandoned = figures.Figures.ShortAbandoned,
                    } };
                }, cancellationToken));
        }
    }

    /// <summary>The interactions not final yet, by their <paramref name="state"/> column. <c>state &lt;&gt; 'Completed'</c>
    /// is implied by the list, and is there so the database can use migration 0001's partial state index.</summary>
    private static string Unfinished(string state) => $"{state} <> 'Completed' AND {state} IN {QueueIntervals.UnfinishedStates}";

    /// <summary>The interactions table as the query of the unfinished ones reads it: SQLite would rather read the whole
    /// range of migration 0004's covering index in its grouping order than seek the few unfinished rows (0.3 s against
    /// under 1 ms over a month of a million), so its store names the state index.</summary>
    protected virtual string UnfinishedInteractions => "interactions";

    /// <summary>The aggregate rows of the range, with each queue's threshold counts taken from the columns for its
    /// thresholds (0 for a queue whose thresholds have none: <see cref="ThresholdsNotKept"/> counts those).</summary>
    private static string AggregatesSql(QueueReportQuery whole, out SqlParameters parameters)
    {
        parameters = new SqlParameters();
        var within = PerQueueColumn(whole, parameters, thresholds => Columns(thresholds)?.Within);
        var abandoned = PerQueueColumn(whole, parameters, thresholds => Columns(thresholds)?.Abandoned);
        var shortAbandoned = PerQueueColumn(whole, parameters, thresholds => Columns(thresholds)?.Short);
        var filter = $"tenant_id = {parameters.Add(whole.TenantId)} AND quarter >= {parameters.Add(QueueBucket.QuarterHour(whole.From))} " +
            $"AND quarter < {parameters.Add(QueueBucket.QuarterHour(whole.To))}";
        if (whole.QueueIds.Count > 0)
        {
            filter += $" AND queue_id IN ({parameters.AddList(whole.QueueIds)})";
        }
        return $"""
            SELECT queue_id, quarter, offered, answered, {within} AS answered_within, {abandoned} AS abandoned, {shortAbandoned} AS short_abandoned,
              overflowed, handled, answered_wait_ms, handle_ms, longest_wait_ms, {QueueIntervals.TransferredIn}, {QueueIntervals.TransferredOut}
            FROM {QueueIntervals.Name}
            WHERE {filter}
            """;
    }

    /// <summary>The transferring legs, connected in the range, of the interactions not final yet (the aggregates hold the
    /// final ones'). From the few unfinished interactions to their legs: CROSS JOIN keeps that order in SQLite.</summary>
    private string UnfinishedTransfersSql(QueueReportQuery whole, out SqlParameters parameters)
    {
        parameters = new SqlParameters();
        var filter = $"i.tenant_id = {parameters.Add(whole.TenantId)} AND {Unfinished("i.state")} " +
            "AND l.tenant_id = i.tenant_id AND l.interaction_id = i.interaction_id AND (l.leg_index > 0 OR l.transferred) " +
            $"AND l.connected_at >= {parameters.Add(TimeValue(whole.From))} AND l.connected_at < {parameters.Add(TimeValue(whole.To))}";
        if (whole.QueueIds.Count > 0)
        {
            filter += $" AND l.queue_id IN ({parameters.AddList(whole.QueueIds)})";
        }
        return $"""
            SELECT l.queue_id AS queue_id, {QuarterHourOf("l.connected_at")} AS quarter,
              {Count("l.leg_index > 0")} AS transferred_in, {Count("l.transferred")} AS transferred_out
            FROM interactions i CROSS JOIN interaction_legs l
            WHERE {filter}
            GROUP BY {QuarterHourOf("l.connected_at")}, l.queue_id
            """;
    }

    /// <summary>The condition on <c>queue_id</c> of the queues whose thresholds the aggregates have no columns for; null
    /// when there are none.</summary>
    private static Func<SqlParameters, string>? ThresholdsNotKept(QueueReportQuery whole)
    {
        if (Columns(whole.DefaultThresholds) is null)
        {
            var kept = whole.Thresholds.Where(pair => Columns(pair.Value) is not null).Select(pair => pair.Key).ToList();
            return kept.Count == 0 ? _ => "TRUE" : p => $"queue_id NOT IN ({p.AddList(kept)})";
        }
        var notKept = whole.Thresholds.Where(pair => Columns(pair.Value) is null).Select(pair => pair.Key).ToList();
        return notKept.Count == 0 ? null : p => $"queue_id IN ({p.AddList(notKept)})";
    }

    /// <summary>The aggregate columns that answer <paramref name="thresholds"/>: answered within the service level, abandoned
    /// after and before the short-abandon threshold; null when a threshold is not one the aggregates keep.</summary>
    private static (string Within, string Abandoned, string Short)? Columns(QueueThresholds thresholds)
    {
        if (WholeSeconds(thresholds.ServiceLevel) is not { } serviceLevel || !QueueIntervals.ServiceLevelSeconds.Contains(serviceLevel)
            || WholeSeconds(thresholds.ShortAbandon) is not { } shortAbandon)
        {
            return null;
        }
        if (shortAbandon == 0)
        {
            return (QueueIntervals.AnsweredWithin(serviceLevel), "abandoned", "0");
        }
        var sooner = QueueIntervals.AbandonedWithin(shortAbandon);
        return QueueIntervals.ShortAbandonSeconds.Contains(shortAbandon) ? (QueueIntervals.AnsweredWithin(serviceLevel), $"abandoned - {sooner}", sooner) : null;
    }

    private static int? WholeSeconds(TimeSpan threshold) =>
        threshold >= TimeSpan.Zero && threshold.Ticks % TimeSpan.TicksPerSecond == 0 && threshold.TotalSeconds <= int.MaxValue ? (int)threshold.TotalSeconds : null;

    /// <summary>A column expression that depends on the row's queue; "0" for thresholds without columns.</summary>
    private static string PerQueueColumn(QueueReportQuery query, SqlParameters parameters, Func<QueueThresholds, string?> column)
    {
        var fallback = column(query.DefaultThresholds) ?? "0";
        if (query.Thresholds.Count == 0)
        {
            return fallback;
        }
        var cases = query.Thresholds.Select(pair => $"WHEN {parameters.Add(pair.Key)} THEN {column(pair.Value) ?? "0"}");
        return $"(CASE queue_id {string.Join(" ", cases)} ELSE {fallback} END)";
    }
}
