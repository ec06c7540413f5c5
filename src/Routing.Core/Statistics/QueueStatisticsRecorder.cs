namespace Routing.Core.Statistics;

/// <summary>
/// Counts what happens in one queue (arrivals, answers, abandons, overflows, completed handling) and
/// turns it into the live statistics a supervisor sees: the rolling last 15 minutes and today since
/// local midnight. Owned by the queue grain; not thread-safe (a grain is single-threaded).
/// </summary>
/// <remarks>
/// <para>
/// The rolling window is a ring of <see cref="BucketCount"/> buckets of <see cref="BucketLength"/>
/// (90 × 10 s). An event goes into the bucket of its time; a snapshot at <c>now</c> sums the bucket
/// holding <c>now</c> and the 89 before it, so the window covers between 14 min 50 s and 15 min,
/// depending on where <c>now</c> falls in its bucket, and an event stops counting once its bucket is
/// 90 or more buckets behind <c>now</c>'s. Buckets are reused as time moves on, so memory is the
/// same whatever the traffic. The day totals restart at local midnight in
/// <see cref="QueueStatisticsSettings.TimeZone"/>, computed as instants, so days of 23 and 25 hours
/// are right.
/// </para>
/// <para>
/// Time: each recording method exists in two forms. <c>Arrived(at)</c> means "it happens now, and
/// <c>at</c> is now" (the usual case: the grain records what it has just seen). <c>Arrived(at, now)</c>
/// is for an event stamped by someone else's clock: an <c>at</c> later than <c>now</c> (clock skew) is
/// clamped to <c>now</c>, so a skewed event counts as happening now, never in the future; an
/// <c>at</c> older than the window (as the recorder's latest <c>now</c> sees it) counts only for the
/// day, if it falls today; an <c>at</c> before today's midnight counts for nothing. The recorder's
/// clock is the latest <c>now</c> it has been given; a <c>now</c> earlier than that (the clock stepped
/// back) does not move the window or the day back. Negative durations (from clocks stepping back)
/// count as zero.
/// </para>
/// </remarks>
public sealed class QueueStatisticsRecorder
{
    /// <summary>How many buckets make up the rolling window.</summary>
    public const int BucketCount = 90;

    /// <summary>The width of one bucket of the rolling window: the resolution at which old events expire.</summary>
    public static readonly TimeSpan BucketLength = TimeSpan.FromSeconds(10);

    /// <summary>The length of the rolling window (15 minutes).</summary>
    public static readonly TimeSpan WindowLength = BucketLength * BucketCount;

    private const long NoBucket = long.MinValue;

    private readonly QueueStatisticsSettings _settings;
    private readonly IntervalCounters[] _buckets = new IntervalCounters[BucketCount];
    private readonly long[] _bucketNumbers = new long[BucketCount];
    private readonly DateTimeOffset _recordingSince;
    private long _latestBucket;
    private IntervalCounters _today;
    private DateTimeOffset _dayStart;
    private DateTimeOffset _dayEnd;

    /// <summary>Starts recording at <paramref name="now"/> (nothing before it is known: rates are
    /// computed over the time since then when that is shorter than the interval).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A threshold in <paramref name="settings"/> is negative.</exception>
    public QueueStatisticsRecorder(QueueStatisticsSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(settings.TimeZone, nameof(settings.TimeZone));
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.ServiceLevelThreshold, TimeSpan.Zero, nameof(settings.ServiceLevelThreshold));
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.ShortAbandonThreshold, TimeSpan.Zero, nameof(settings.ShortAbandonThreshold));
        _settings = settings;
        _recordingSince = now;
        Array.Fill(_bucketNumbers, NoBucket);
        _latestBucket = BucketNumber(now);
        (_dayStart, _dayEnd) = LocalDay.Containing(now, settings.TimeZone);
    }

    /// <summary>A recorder that goes on from <paramref name="counts"/> (stored by <see cref="Export"/>): the day's
    /// totals when it is still the same local day at <paramref name="now"/>, the rolling window's buckets still inside
    /// the window. Counts made under other thresholds or another time zone than <paramref name="settings"/> are not
    /// restored: the recorder starts afresh at <paramref name="now"/>, as a change of settings does.</summary>
    public static QueueStatisticsRecorder Restore(QueueStatisticsSettings settings, QueueStatisticsCounts? counts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (counts is null
            || counts.ServiceLevelThreshold != settings.ServiceLevelThreshold
            || counts.ShortAbandonThreshold != settings.ShortAbandonThreshold
            || counts.TimeZoneId != settings.TimeZone.Id
            || counts.RecordingSince > now)
        {
            return new QueueStatisticsRecorder(settings, now);
        }
        var recorder = new QueueStatisticsRecorder(settings, counts.RecordingSince);
        recorder.MoveTo(now);
        if (counts.DayStart == recorder._dayStart)
        {
            recorder._today = counts.Today;
        }
        foreach (var bucket in counts.Buckets)
        {
            if (bucket.Number > recorder._latestBucket - BucketCount && bucket.Number <= recorder._latestBucket)
            {
                var slot = (int)(bucket.Number % BucketCount);
                recorder._buckets[slot] = bucket.Counts;
                recorder._bucketNumbers[slot] = bucket.Number;
            }
        }
        return recorder;
    }

    /// <summary>What has been counted so far, for storing; <see cref="Restore"/> goes on from it.</summary>
    public QueueStatisticsCounts Export()
    {
        var buckets = new List<QueueStatisticsBucket>();
        for (var slot = 0; slot < BucketCount; slot++)
        {
            if (_bucketNumbers[slot] > _latestBucket - BucketCount)
            {
                buckets.Add(new QueueStatisticsBucket(_bucketNumbers[slot], _buckets[slot]));
            }
        }
        return new QueueStatisticsCounts
        {
            RecordingSince = _recordingSince,
            ServiceLevelThreshold = _settings.ServiceLevelThreshold,
            ShortAbandonThreshold = _settings.ShortAbandonThreshold,
            TimeZoneId = _settings.TimeZone.Id,
            DayStart = _dayStart,
            Today = _today,
            Buckets = buckets,
        };
    }

    /// <summary>The settings the recorder counts with.</summary>
    public QueueStatisticsSettings Settings => _settings;

    /// <summary>A contact entered the queue now (<paramref name="at"/> is the current time).</summary>
    public void Arrived(DateTimeOffset at) => Arrived(at, at);

    /// <summary>A contact entered the queue at <paramref name="at"/>, seen at <paramref name="now"/>.</summary>
    public void Arrived(DateTimeOffset at, DateTimeOffset now) => Count(at, now, QueueEvent.Arrival, TimeSpan.Zero);

    /// <summary>An agent answered a contact now, after it waited <paramref name="waited"/>.</summary>
    public void Answered(DateTimeOffset at, TimeSpan waited) => Answered(at, waited, at);

    /// <summary>An agent answered a contact at <paramref name="at"/>, after it waited
    /// <paramref name="waited"/>; within the service level when the wait is at most the threshold.</summary>
    public void Answered(DateTimeOffset at, TimeSpan waited, DateTimeOffset now)
    {
        var wait = NotNegative(waited);
        var kind = wait <= _settings.ServiceLevelThreshold ? QueueEvent.AnswerWithinThreshold : QueueEvent.AnswerAfterThreshold;
        Count(at, now, kind, wait);
    }

    /// <summary>A caller hung up now after waiting <paramref name="waited"/>.</summary>
    public void Abandoned(DateTimeOffset at, TimeSpan waited) => Abandoned(at, waited, at);

    /// <summary>A caller hung up at <paramref name="at"/> after waiting <paramref name="waited"/>: a short
    /// abandon when that is less than the short-abandon threshold.</summary>
    public void Abandoned(DateTimeOffset at, TimeSpan waited, DateTimeOffset now)
    {
        var kind = NotNegative(waited) < _settings.ShortAbandonThreshold ? QueueEvent.ShortAbandon : QueueEvent.Abandon;
        Count(at, now, kind, TimeSpan.Zero);
    }

    /// <summary>Talk and wrap-up of a contact taken from this queue ended now.</summary>
    public void Completed(DateTimeOffset at, TimeSpan talk, TimeSpan wrapUp) => Completed(at, talk, wrapUp, at);

    /// <summary>Talk and wrap-up of a contact taken from this queue ended at <paramref name="at"/>;
    /// its handle time is <paramref name="talk"/> + <paramref name="wrapUp"/>.</summary>
    public void Completed(DateTimeOffset at, TimeSpan talk, TimeSpan wrapUp, DateTimeOffset now)
    {
        var handle = NotNegative(talk);
        var wrap = NotNegative(wrapUp);
        handle = handle > TimeSpan.MaxValue - wrap ? TimeSpan.MaxValue : handle + wrap;
        Count(at, now, QueueEvent.Completion, handle);
    }

    /// <summary>A contact left this queue now for another queue or action (overflow, time-out
    /// routing) after waiting <paramref name="waited"/>: counted apart, neither answered nor abandoned.</summary>
    public void Overflowed(DateTimeOffset at, TimeSpan waited) => Overflowed(at, waited, at);

    /// <summary>A contact left this queue at <paramref name="at"/> for another queue or action after
    /// waiting <paramref name="waited"/> (the wait is not part of any statistic yet).</summary>
    public void Overflowed(DateTimeOffset at, TimeSpan waited, DateTimeOffset now)
    {
        Count(at, now, QueueEvent.Overflow, TimeSpan.Zero);
    }

    /// <summary>The statistics at <paramref name="now"/>: the rolling window and today. Moves the
    /// recorder's clock forward to <paramref name="now"/> (expiring old buckets, starting a new day).</summary>
    public QueueIntervalSnapshot Snapshot(DateTimeOffset now)
    {
        MoveTo(now);
        var oldest = BucketNumber(now) - BucketCount + 1;
        var rolling = default(IntervalCounters);
        for (var slot = 0; slot < BucketCount; slot++)
        {
            // Buckets after now's (possible only when now is behind the recorder's clock) are counted
            // as now: clamped, like skewed events.
            if (_bucketNumbers[slot] >= oldest)
            {
                rolling.Add(in _buckets[slot]);
            }
        }
        var windowStart = Later(new DateTimeOffset(oldest * BucketLength.Ticks, TimeSpan.Zero), _recordingSince);
        var dayStart = Later(_dayStart, _recordingSince);
        return new QueueIntervalSnapshot(rolling.ToStatistics(windowStart, now), _today.ToStatistics(dayStart, now));
    }

    private void Count(DateTimeOffset at, DateTimeOffset now, QueueEvent kind, TimeSpan duration)
    {
        MoveTo(now);
        if (at > now)
        {
            at = now;
        }
        if (at >= _dayStart && at < _dayEnd)
        {
            _today.Count(kind, duration);
        }
        var number = BucketNumber(at);
        if (number <= _latestBucket - BucketCount)
        {
            return;
        }
        var slot = (int)(number % BucketCount);
        if (_bucketNumbers[slot] != number)
        {
            // The slot holds a bucket 90 or more buckets older: it has expired.
            _buckets[slot] = default;
            _bucketNumbers[slot] = number;
        }
        _buckets[slot].Count(kind, duration);
    }

    private void MoveTo(DateTimeOffset now)
    {
        _latestBucket = Math.Max(_latestBucket, BucketNumber(now));
        if (now >= _dayEnd)
        {
            _today = default;
            (_dayStart, _dayEnd) = LocalDay.Containing(now, _settings.TimeZone);
        }
    }

    private static long BucketNumber(DateTimeOffset at) => at.UtcTicks / BucketLength.Ticks;

    private static TimeSpan NotNegative(TimeSpan duration) => duration < TimeSpan.Zero ? TimeSpan.Zero : duration;

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
