namespace Routing.History;

/// <summary>
/// Takes facts for the history store off the routing path: <see cref="Record(HistoryFact)"/> never waits for I/O. A background
/// writer stores them in batches, retrying failed batches until they are written.
/// </summary>
public interface IHistoryRecorder
{
    /// <summary>Queues the fact for writing; returns false, and counts a drop, when the queue is full or the recorder
    /// has stopped (the caller may keep the fact and record it again later: writes are idempotent).</summary>
    bool Record(HistoryFact fact);

    /// <summary>Queues <paramref name="facts"/> as one group, all or none (false, every fact counted as dropped, when they
    /// do not all fit or the recorder has stopped). The group is written in one transaction, and then
    /// <paramref name="receipt"/> is told (<see cref="IHistoryReceipt.Written"/>).</summary>
    bool Record(IReadOnlyList<HistoryFact> facts, IHistoryReceipt receipt);

    /// <summary>Completes when every fact recorded before the call is written (or the token fires).</summary>
    Task FlushAsync(CancellationToken cancellationToken);

    HistoryRecorderCounters Counters { get; }
}

/// <summary>The recorder's figures since it started: facts <paramref name="Recorded"/> (accepted), <paramref name="Written"/>
/// (committed, repeats included), <paramref name="Pending"/> (accepted, not yet written), <paramref name="Dropped"/> (refused:
/// queue full or stopped), <paramref name="FailedBatches"/> (write attempts that failed and were retried),
/// <paramref name="Abandoned"/> (still unwritten when the recorder was stopped) and <paramref name="Rejected"/> (refused
/// by the database itself, e.g. a required value missing: logged with its key and left out).</summary>
public sealed record HistoryRecorderCounters(long Recorded, long Written, long Pending, long Dropped, long FailedBatches, long Abandoned, long Rejected = 0);
