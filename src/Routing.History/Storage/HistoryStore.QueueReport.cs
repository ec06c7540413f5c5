using Routing.History.Reports;

namespace Routing.History.Storage;

/// <summary>The queue interval report: the interactions and the transferring legs of the range, summed per queue and
/// UTC quarter hour by the database (one pass over the period's rows each), then put into the zone's intervals and days.
/// Both read an index of migration 0004 that is in the grouping's order and holds every column summed
/// (<c>ix_interactions_quarter</c>, <c>ix_interaction_legs_transfers_quarter</c>): the database aggregates while it
/// reads, with no sort and no table lookups.</summary>
internal abstract partial class HistoryStore
{
    public async Task<QueueReport> QueueReportAsync(QueueReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var buckets = new List<QueueBucket>();
        buckets.AddRange(await QueryAsync(InteractionFiguresSql(query, out var parameters), parameters.Values, row => new QueueBucket(
            row.Text("queue_id"), QuarterHourStart(row.Integer("quarter")), new QueueFigures
            {
                Offered = row.Integer("offered"),
                Answered = row.Integer("answered"),
                AnsweredWithinThreshold = row.Integer("answered_within"),
                Abandoned = row.Integer("abandoned"),
                ShortAbandoned = row.Integer("short_abandoned"),
                Overflowed = row.Integer("overflowed"),
                Handled = row.Integer("handled"),
                AnsweredWait = row.Milliseconds("answered_wait_ms"),
                HandleTime = row.Milliseconds("handle_ms"),
                LongestWait = row.Milliseconds("longest_wait_ms"),
            }), cancellationToken));
        buckets.AddRange(await QueryAsync(TransferFiguresSql(query, out parameters), parameters.Values, row => new QueueBucket(
            row.Text("queue_id"), QuarterHourStart(row.Integer("quarter")), new QueueFigures
            {
                TransferredIn = row.Integer("transferred_in"),
                TransferredOut = row.Integer("transferred_out"),
            }), cancellationToken));
        return QueueReportAssembler.Assemble(buckets, query.IntervalLength, query.TimeZone);
    }

    private static DateTimeOffset QuarterHourStart(long quarter) => DateTimeOffset.UnixEpoch.AddTicks(quarter * QueueBucket.Length.Ticks);

    /// <summary>The number of the UTC quarter hour <paramref name="time"/> falls in, as <see cref="QuarterHourOf"/> computes it.</summary>
    private static long QuarterHour(DateTimeOffset time) => (long)Math.Floor((time - DateTimeOffset.UnixEpoch) / QueueBucket.Length);

    private string InteractionFiguresSql(QueueReportQuery query, out SqlParameters parameters)
    {
        parameters = new SqlParameters();
        var serviceLevel = PerQueue(query, parameters, thresholds => thresholds.ServiceLevel);
        var shortAbandon = PerQueue(query, parameters, thresholds => thresholds.ShortAbandon);
        const string answered = "answered_at IS NOT NULL";
        const string handled = "state = 'Completed' AND answered_at IS NOT NULL";
        return $"""
            SELECT queue_id, {QuarterHourOf("arrived_at")} AS quarter,
              COUNT(*) AS offered,
              COUNT(answered_at) AS answered,
              {Count($"{answered} AND wait_ms <= {serviceLevel}")} AS answered_within,
              {Count($"state = 'Abandoned' AND wait_ms >= {shortAbandon}")} AS abandoned,
              {Count($"state = 'Abandoned' AND wait_ms < {shortAbandon}")} AS short_abandoned,
              {Count("state = 'Overflowed'")} AS overflowed,
              {Count(handled)} AS handled,
              {Sum("wait_ms", answered)} AS answered_wait_ms,
              {Sum("talk_ms + wrap_up_ms", handled)} AS handle_ms,
              MAX(wait_ms) AS longest_wait_ms
            FROM interactions
            WHERE {RangeFilter(query, "arrived_at", parameters)} AND state <> 'Rejected'
            GROUP BY quarter, queue_id
            """;
    }

    private string TransferFiguresSql(QueueReportQuery query, out SqlParameters parameters)
    {
        parameters = new SqlParameters();
        return $"""
            SELECT queue_id, {QuarterHourOf("connected_at")} AS quarter,
              {Count("leg_index > 0")} AS transferred_in,
              {Count("transferred")} AS transferred_out
            FROM interaction_legs
            WHERE {RangeFilter(query, "connected_at", parameters)} AND (leg_index > 0 OR transferred)
            GROUP BY quarter, queue_id
            """;
    }

    /// <summary>The tenant, the range and the queues asked for. The range twice: as quarter hours, which the report's
    /// indexes start with, so the database seeks to the period's first quarter hour rather than read the tenant's whole
    /// index; then as instants, which keep exactly the range (its first and last quarter hours may be partly outside).</summary>
    private string RangeFilter(QueueReportQuery query, string timeColumn, SqlParameters parameters)
    {
        var quarters = $"{QuarterHourOf(timeColumn)} BETWEEN {parameters.Add(QuarterHour(query.From))} AND {parameters.Add(QuarterHour(query.To))}";
        var filter = $"tenant_id = {parameters.Add(query.TenantId)} AND {quarters} AND {timeColumn} >= {parameters.Add(TimeValue(query.From))} AND {timeColumn} < {parameters.Add(TimeValue(query.To))}";
        return query.QueueIds.Count == 0 ? filter : $"{filter} AND queue_id IN ({parameters.AddList(query.QueueIds)})";
    }

    /// <summary>A threshold in milliseconds that depends on the row's queue: a CASE over the queues that have their own.</summary>
    private static string PerQueue(QueueReportQuery query, SqlParameters parameters, Func<QueueThresholds, TimeSpan> threshold)
    {
        var fallback = parameters.Add(Milliseconds(threshold(query.DefaultThresholds)));
        if (query.Thresholds.Count == 0)
        {
            return fallback;
        }
        var cases = query.Thresholds.Select(pair => $"WHEN {parameters.Add(pair.Key)} THEN {parameters.Add(Milliseconds(threshold(pair.Value)))}");
        return $"(CASE queue_id {string.Join(" ", cases)} ELSE {fallback} END)";
    }

    // Aggregate FILTER clauses (SQLite 3.30, PostgreSQL 9.4) rather than SUM(CASE …): SQLite skips the rows a filter
    // refuses instead of adding a zero for them, about a fifth less time over a million rows.
    private static string Count(string condition) => $"COUNT(*) FILTER (WHERE {condition})";

    private static string Sum(string value, string condition) => $"CAST(COALESCE(SUM({value}) FILTER (WHERE {condition}), 0) AS BIGINT)";

    private static long Milliseconds(TimeSpan span) => (long)span.TotalMilliseconds;
}
