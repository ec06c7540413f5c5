namespace Routing.History.Schema;

/// <summary>
/// One column of <c>queue_intervals</c> and the two ways it is computed, which must agree: the SQL aggregate over the
/// stored rows (the migration's fill and the purge's rebuild) and the value one stored interaction adds to it (the
/// writers, as an interaction's final version is first stored). <paramref name="Sql"/> reads the columns of
/// <c>interactions</c> under the alias <c>i</c>.
/// </summary>
internal sealed record QueueIntervalCounter(string Column, string Sql, Func<QueueIntervalFacts, long> Value)
{
    /// <summary>A maximum rather than a sum (the longest wait): added with the larger of the two, never subtracted.</summary>
    public bool IsMaximum { get; init; }
}

/// <summary>What the counters read of one stored interaction, as it is stored (durations in whole milliseconds).</summary>
internal readonly record struct QueueIntervalFacts(string State, bool Answered, long WaitMs, long TalkMs, long WrapUpMs);
