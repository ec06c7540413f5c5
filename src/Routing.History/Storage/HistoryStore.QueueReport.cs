using System.Data.Common;
using Routing.History.Reports;
using Routing.History.Schema;

namespace Routing.History.Storage;

/// <summary>
/// The queue interval report, summed per queue and UTC quarter hour by the database, then put into the zone's intervals
/// and days. The quarter hours wholly inside the range come from the aggregates kept at ingestion (<c>queue_intervals</c>,
/// migration 0007: the interactions that reached a final state), plus what those rows do not hold, read from the
/// interactions: the ones not final yet and their transferring legs, and, for a queue whose threshold is not one the rows
/// keep, its service-level and abandon counts. The partial quarter hours at either end (a range that does not start or
/// end on one) are summed from the interactions and legs, as every quarter hour was before 0007, through the indexes of
/// migration 0004. All in one snapshot, so an interaction that turns final meanwhile counts once.
/// </summary>
internal abstract partial class HistoryStore
{
    public async Task<QueueReport> QueueReportAsync(QueueReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var buckets = new List<QueueBucket>();
        await using var connection = await OpenAsync(cancellationToken);
        await using var snapshot = await BeginSnapshotAsync(connection, cancellationToken);
        var first = QueueBucket.QuarterHour(query.From) + (QueueBucket.QuarterHourStart(QueueBucket.QuarterHour(query.From)) == query.From ? 0 : 1);
        var end = QueueBucket.QuarterHour(query.To);
        if (first >= end)
        {
            await AddRawAsync(connection, snapshot, query, buckets, cancellationToken);
        }
        else
        {
            var whole = query with { From = QueueBucket.QuarterHourStart(first), To = QueueBucket.QuarterHourStart(end) };
            if (query.From < whole.From)
            {
                await AddRawAsync(connection, snapshot, query with { To = whole.From }, buckets, cancellationToken);
            }
            if (whole.To < query.To)
            {
                await AddRawAsync(connection, snapshot, query with { From = whole.To }, buckets, cancellationToken);
            }
            await AddAggregatesAsync(connection, snapshot, whole, buckets, cancellationToken);
        }
        await snapshot.CommitAsync(cancellationToken);
        return QueueReportAssembler.Assemble(buckets, query.IntervalLength, query.TimeZone);
    }

    /// <summary>The report summed from the interactions and legs alone, without the aggregates (as before migration 0007):
    /// what the aggregates must always agree with (the tests compare the two).</summary>
    internal async Task<QueueReport> QueueReportFromInteractionsAsync(QueueReportQuery query, CancellationToken cancellationToken)
    {
        var buckets = new List<QueueBucket>();
        await using var connection = await OpenAsync(cancellationToken);
        await using var snapshot = await BeginSnapshotAsync(connection, cancellationToken);
        await AddRawAsync(connection, snapshot, query, buckets, cancellationToken);
        await snapshot.CommitAsync(cancellationToken);
        return QueueReportAssembler.Assemble(buckets, query.IntervalLength, query.TimeZone);
    }

    /// <summary>The range summed from the interactions and legs alone.</summary>
    private async Task AddRawAsync(DbConnection connection, DbTransaction snapshot, QueueReportQuery query, List<QueueBucket> buckets, CancellationToken cancellationToken)
    {
        buckets.AddRange(await QueryAsync(connection, snapshot, InteractionFiguresSql(query, _ => "TRUE", out var parameters), parameters.Values, InteractionBucket, cancellationToken));
        buckets.AddRange(await QueryAsync(connection, snapshot, TransferFiguresSql(query, out parameters), parameters.Values, TransferBucket, cancellationToken));
    }

    private static QueueBucket InteractionBucket(HistoryRow row) => new(row.Text("queue_id"), QueueBucket.QuarterHourStart(row.Integer("quarter")), new QueueFigures
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
    });

    private static QueueBucket TransferBucket(HistoryRow row) => new(row.Text("queue_id"), QueueBucket.QuarterHourStart(row.Integer("quarter")), new QueueFigures
    {
        TransferredIn = row.Integer("transferred_in"),
        TransferredOut = row.Integer("transferred_out"),
    });

    /// <summary>The interactions of the range that <paramref name="condition"/> keeps, summed per queue and quarter hour.</summary>
    private string InteractionFiguresSql(QueueReportQuery query, Func<SqlParameters, string> condition, out SqlParameters parameters, bool byQuarterHours = true,
        string from = "interactions")
    {
        parameters = new SqlParameters();
        var kept = condition(parameters);
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
            FROM {from}
            WHERE {RangeFilter(query, "arrived_at", parameters, byQuarterHours)} AND state <> 'Rejected' AND {kept}
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
    /// index; then as instants, which keep exactly the range (its first and last quarter hours may be partly outside).
    /// Without <paramref name="byQuarterHours"/> only the instants, for a query better served by another index.</summary>
    private string RangeFilter(QueueReportQuery query, string timeColumn, SqlParameters parameters, bool byQuarterHours = true)
    {
        var quarters = byQuarterHours
            ? $"{QuarterHourOf(timeColumn)} BETWEEN {parameters.Add(QueueBucket.QuarterHour(query.From))} AND {parameters.Add(QueueBucket.QuarterHour(query.To))} AND "
            : "";
        var filter = $"tenant_id = {parameters.Add(query.TenantId)} AND {quarters}{timeColumn} >= {parameters.Add(TimeValue(query.From))} AND {timeColumn} < {parameters.Add(TimeValue(query.To))}";
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
