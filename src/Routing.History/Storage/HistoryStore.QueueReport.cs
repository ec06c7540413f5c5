using Routing.History.Reports;

namespace Routing.History.Storage;

/// <summary>The queue interval report: the interactions and the transferring legs of the range, summed per queue and
/// UTC quarter hour by the database (one pass over the period's rows each), then put into the zone's intervals and days.</summary>
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
              {Count(answered)} AS answered,
              {Count($"{answered} AND wait_ms <= {serviceLevel}")} AS answered_within,
              {Count($"state = 'Abandoned' AND wait_ms >= {shortAbandon}")} AS abandoned,
              {Count($"state = 'Abandoned' AND wait_ms < {shortAbandon}")} AS short_abandoned,
              {Count("state = 'Overflowed'")} AS overflowed,
              {Count(handled)} AS handled,
              CAST(SUM(CASE WHEN {answered} THEN wait_ms ELSE 0 END) AS BIGINT) AS answered_wait_ms,
              CAST(SUM(CASE WHEN {handled} THEN talk_ms + wrap_up_ms ELSE 0 END) AS BIGINT) AS handle_ms,
              MAX(wait_ms) AS longest_wait_ms
            FROM interactions
            WHERE {RangeFilter(query, "arrived_at", parameters)} AND state <> 'Rejected'
            GROUP BY queue_id, quarter
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
            GROUP BY queue_id, quarter
            """;
    }

    private string RangeFilter(QueueReportQuery query, string timeColumn, SqlParameters parameters)
    {
        var filter = $"tenant_id = {parameters.Add(query.TenantId)} AND {timeColumn} >= {parameters.Add(TimeValue(query.From))} AND {timeColumn} < {parameters.Add(TimeValue(query.To))}";
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

    private static string Count(string condition) => $"CAST(SUM(CASE WHEN {condition} THEN 1 ELSE 0 END) AS BIGINT)";

    private static long Milliseconds(TimeSpan span) => (long)span.TotalMilliseconds;
}
