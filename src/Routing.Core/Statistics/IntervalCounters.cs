namespace Routing.Core.Statistics;

/// <summary>
/// The running counts and sums of one interval (a 10-second bucket of the rolling window, or the
/// day): a mutable value so a ring of them is one array with no allocation per event. Serializable
/// because the queue keeps its counts durable (<see cref="QueueStatisticsCounts"/>).
/// </summary>
[GenerateSerializer, Alias("routing.interval-counters")]
public struct IntervalCounters
{
    [Id(0)] public int Offered;
    [Id(1)] public int Answered;
    [Id(2)] public int AnsweredWithinThreshold;
    [Id(3)] public int Abandoned;
    [Id(4)] public int ShortAbandoned;
    [Id(5)] public int Overflowed;
    [Id(6)] public int Completed;

    /// <summary>Sum of the waits of answered contacts, in ticks.</summary>
    [Id(7)] public long AnswerWaitTicks;

    /// <summary>Sum of talk + wrap-up of completed contacts, in ticks.</summary>
    [Id(8)] public long HandleTicks;

    /// <summary>Counts one event; <paramref name="duration"/> is the wait of an answer or the handle
    /// time of a completion (ignored otherwise), already made non-negative.</summary>
    internal void Count(QueueEvent kind, TimeSpan duration)
    {
        switch (kind)
        {
            case QueueEvent.Arrival:
                Offered++;
                break;
            case QueueEvent.AnswerWithinThreshold:
                AnsweredWithinThreshold++;
                Answered++;
                AnswerWaitTicks = SaturatingAdd(AnswerWaitTicks, duration.Ticks);
                break;
            case QueueEvent.AnswerAfterThreshold:
                Answered++;
                AnswerWaitTicks = SaturatingAdd(AnswerWaitTicks, duration.Ticks);
                break;
            case QueueEvent.Abandon:
                Abandoned++;
                break;
            case QueueEvent.ShortAbandon:
                ShortAbandoned++;
                break;
            case QueueEvent.Overflow:
                Overflowed++;
                break;
            case QueueEvent.Completion:
                Completed++;
                HandleTicks = SaturatingAdd(HandleTicks, duration.Ticks);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown queue event");
        }
    }

    /// <summary>Adds another interval's counts to this one (to sum the buckets of the window).</summary>
    public void Add(in IntervalCounters other)
    {
        Offered += other.Offered;
        Answered += other.Answered;
        AnsweredWithinThreshold += other.AnsweredWithinThreshold;
        Abandoned += other.Abandoned;
        ShortAbandoned += other.ShortAbandoned;
        Overflowed += other.Overflowed;
        Completed += other.Completed;
        AnswerWaitTicks = SaturatingAdd(AnswerWaitTicks, other.AnswerWaitTicks);
        HandleTicks = SaturatingAdd(HandleTicks, other.HandleTicks);
    }

    /// <summary>The published statistics of the interval that began at <paramref name="since"/> and
    /// is measured at <paramref name="now"/>.</summary>
    public readonly QueueIntervalStatistics ToStatistics(DateTimeOffset since, DateTimeOffset now)
    {
        var counted = Answered + Abandoned;
        var elapsedSeconds = (now - since).TotalSeconds;
        return new QueueIntervalStatistics
        {
            Since = since,
            Offered = Offered,
            Answered = Answered,
            AnsweredWithinThreshold = AnsweredWithinThreshold,
            Abandoned = Abandoned,
            ShortAbandoned = ShortAbandoned,
            Overflowed = Overflowed,
            Completed = Completed,
            ServiceLevel = counted == 0 ? null : (double)AnsweredWithinThreshold / counted,
            AverageSpeedOfAnswer = Answered == 0 ? null : TimeSpan.FromTicks(AnswerWaitTicks / Answered),
            AverageHandleTime = Completed == 0 ? null : TimeSpan.FromTicks(HandleTicks / Completed),
            AbandonRate = counted == 0 ? null : (double)Abandoned / counted,
            ArrivalsPerSecond = elapsedSeconds > 0 ? Offered / elapsedSeconds : 0,
        };
    }

    private static long SaturatingAdd(long sum, long ticks) => sum > long.MaxValue - ticks ? long.MaxValue : sum + ticks;
}
