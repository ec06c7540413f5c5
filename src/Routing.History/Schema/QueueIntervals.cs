using Routing.Core;

namespace Routing.History.Schema;

/// <summary>
/// The queue interval aggregates (migration 0007): per tenant, UTC quarter hour and queue, the counters and sums of the
/// queue report over the interactions that reached a final state, kept up to date by the writers in each batch's
/// transaction. The report sums these rows instead of reading every interaction of the period.
/// </summary>
internal static class QueueIntervals
{
    public const string Name = "queue_intervals";

    /// <summary>The key of every interaction counted: the write that inserts it is the one that adds the interaction.</summary>
    public const string Members = "queue_interval_members";

    public const string TransferredIn = "transferred_in";

    public const string TransferredOut = "transferred_out";

    /// <summary>The final states (SQL), Rejected included: a rejected interaction is final but the report leaves it out.</summary>
    public static readonly string FinalStates = States(state => state.IsFinal());

    /// <summary>The states a report counts among the offered ones once final.</summary>
    public static readonly string ReportedFinalStates = States(state => state.IsFinal() && state != InteractionStatus.Rejected);

    /// <summary>The states not final yet (SQL): interactions the aggregates do not hold.</summary>
    public static readonly string UnfinishedStates = States(state => !state.IsFinal());

    /// <summary>The service-level thresholds (seconds) whose "answered within" count each row keeps. The threshold is a
    /// report parameter (each queue's, or the caller's): a report whose threshold is one of these reads the count from
    /// here; any other threshold counts it from the interactions themselves, for that queue only. These are the values
    /// contact centres use (20 s the product's default; 80/20, 90/30, 80/60…).</summary>
    public static readonly IReadOnlyList<int> ServiceLevelSeconds = [5, 10, 15, 20, 25, 30, 40, 45, 60, 90, 120, 180, 300];

    /// <summary>The short-abandon thresholds (seconds) whose "abandoned sooner" count each row keeps (5 s the default);
    /// 0 needs no column (nothing is abandoned in less than no time).</summary>
    public static readonly IReadOnlyList<int> ShortAbandonSeconds = [2, 3, 5, 8, 10, 15, 20, 30];

    /// <summary>The columns summed (or maximised) from the interactions, in table order.</summary>
    public static readonly IReadOnlyList<QueueIntervalCounter> Counters = BuildCounters();

    /// <summary>Every value column: the counters, then the two counted from the transferring legs.</summary>
    public static readonly IReadOnlyList<string> ValueColumns = [.. Counters.Select(counter => counter.Column), TransferredIn, TransferredOut];

    public static readonly IReadOnlyList<string> Key = ["tenant_id", "quarter", "queue_id"];

    /// <summary>"tenant_id, quarter, queue_id, offered, …" in table order.</summary>
    public static readonly string ColumnList = string.Join(", ", Key.Concat(ValueColumns));

    /// <summary>The stored legs of final interactions (alias <c>l</c>), for <see cref="Fill"/>.</summary>
    public static readonly string LegsOfFinalInteractions =
        $"interaction_legs l JOIN interactions i ON i.tenant_id = l.tenant_id AND i.interaction_id = l.interaction_id AND i.state IN {FinalStates}";

    public static string AnsweredWithin(int seconds) => $"answered_within_{seconds}s";

    public static string AbandonedWithin(int seconds) => $"abandoned_within_{seconds}s";

    /// <summary>The conflict clause of an additive write: counts and sums add up, the longest wait takes the larger;
    /// <paramref name="greatest"/> is the provider's two-argument maximum (SQLite <c>MAX</c>, PostgreSQL <c>GREATEST</c>).</summary>
    public static string AddOnConflict(string greatest) =>
        $"ON CONFLICT ({string.Join(", ", Key)}) DO UPDATE SET " + string.Join(", ", Counters.Select(counter => counter.IsMaximum
            ? $"{counter.Column} = {greatest}({Name}.{counter.Column}, excluded.{counter.Column})"
            : $"{counter.Column} = {Name}.{counter.Column} + excluded.{counter.Column}")
            .Concat(new[] { TransferredIn, TransferredOut }.Select(column => $"{column} = {Name}.{column} + excluded.{column}")));

    /// <summary>
    /// SQL that computes the rows from the stored interactions and legs and inserts them (into rows not there yet: the
    /// caller deletes what it rebuilds): interactions by quarter hour of arrival, final and not rejected; transferring legs
    /// by quarter hour of connection, of final interactions (a rejected one's legs count too, as in the report).
    /// <paramref name="interactionFilter"/> and <paramref name="legFilter"/> narrow the rows (aliases <c>i</c> and <c>l</c>);
    /// <paramref name="quarterOf"/> is the provider's quarter-hour expression. Both the migration (no filter) and the
    /// purge (a tenant and a range of quarter hours) run it, so the rows they write are the writers' sums; PostgreSQL's
    /// writers too, with <paramref name="conflict"/> adding to the stored rows and <paramref name="interactions"/> and
    /// <paramref name="legs"/> reading only the batch's. Rows come in key order, so concurrent
    /// writers lock them in one order.
    /// </summary>
    public static string Fill(Func<string, string> quarterOf, string interactionFilter = "TRUE", string legFilter = "TRUE", string conflict = "",
        string interactions = "interactions i", string? legs = null)
    {
        legs ??= LegsOfFinalInteractions;
        var zeros = string.Join(", ", Counters.Select(counter => $"0 AS {counter.Column}"));
        var sums = string.Join(", ", ValueColumns.Select(column =>
            Counters.Any(counter => counter.Column == column && counter.IsMaximum) ? $"MAX({column})" : $"SUM({column})"));
        return $"""
            INSERT INTO {Name} ({ColumnList})
            SELECT tenant_id, quarter, queue_id, {sums}
            FROM (
              SELECT i.tenant_id, {quarterOf("i.arrived_at")} AS quarter, i.queue_id,
                {string.Join(", ", Counters.Select(counter => $"{counter.Sql} AS {counter.Column}"))}, 0 AS {TransferredIn}, 0 AS {TransferredOut}
              FROM {interactions}
              WHERE i.state IN {ReportedFinalStates} AND {interactionFilter}
              GROUP BY i.tenant_id, {quarterOf("i.arrived_at")}, i.queue_id
              UNION ALL
              SELECT l.tenant_id, {quarterOf("l.connected_at")} AS quarter, l.queue_id, {zeros},
                COUNT(*) FILTER (WHERE l.leg_index > 0) AS {TransferredIn}, COUNT(*) FILTER (WHERE l.transferred) AS {TransferredOut}
              FROM {legs}
              WHERE (l.leg_index > 0 OR l.transferred) AND {legFilter}
              GROUP BY l.tenant_id, {quarterOf("l.connected_at")}, l.queue_id
            ) AS f
            GROUP BY tenant_id, quarter, queue_id
            ORDER BY tenant_id, quarter, queue_id
            {conflict}
            """;
    }

    private static List<QueueIntervalCounter> BuildCounters()
    {
        const string answered = "i.answered_at IS NOT NULL";
        const string handled = "i.state = 'Completed' AND i.answered_at IS NOT NULL";
        const string abandoned = "i.state = 'Abandoned'";
        var counters = new List<QueueIntervalCounter>
        {
            new("offered", "COUNT(*)", _ => 1),
            new("answered", "COUNT(i.answered_at)", f => f.Answered ? 1 : 0),
            new("handled", Count(handled), f => f.State == "Completed" && f.Answered ? 1 : 0),
            new("abandoned", Count(abandoned), f => f.State == "Abandoned" ? 1 : 0),
            new("overflowed", Count("i.state = 'Overflowed'"), f => f.State == "Overflowed" ? 1 : 0),
            new("answered_wait_ms", Sum("i.wait_ms", answered), f => f.Answered ? f.WaitMs : 0),
            new("handle_ms", Sum("i.talk_ms + i.wrap_up_ms", handled), f => f.State == "Completed" && f.Answered ? f.TalkMs + f.WrapUpMs : 0),
            new("longest_wait_ms", "MAX(i.wait_ms)", f => f.WaitMs) { IsMaximum = true },
        };
        foreach (var seconds in ServiceLevelSeconds)
        {
            var limit = seconds * 1000L;
            counters.Add(new(AnsweredWithin(seconds), Count($"{answered} AND i.wait_ms <= {limit}"), f => f.Answered && f.WaitMs <= limit ? 1 : 0));
        }
        foreach (var seconds in ShortAbandonSeconds)
        {
            var limit = seconds * 1000L;
            counters.Add(new(AbandonedWithin(seconds), Count($"{abandoned} AND i.wait_ms < {limit}"), f => f.State == "Abandoned" && f.WaitMs < limit ? 1 : 0));
        }
        return counters;
    }

    /// <summary>The lifecycle's states that <paramref name="keep"/> keeps, as an SQL list: derived from
    /// <see cref="InteractionStatusExtensions.IsFinal"/>, so the store and the grains agree on what is final.</summary>
    private static string States(Func<InteractionStatus, bool> keep) =>
        $"({string.Join(", ", Enum.GetValues<InteractionStatus>().Where(keep).Select(state => $"'{state}'"))})";

    private static string Count(string condition) => $"COUNT(*) FILTER (WHERE {condition})";

    private static string Sum(string value, string condition) => $"CAST(COALESCE(SUM({value}) FILTER (WHERE {condition}), 0) AS BIGINT)";
}
