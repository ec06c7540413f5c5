using Routing.Core.Statistics;
using Xunit;
using static Routing.Core.Tests.TestData;

namespace Routing.Core.Tests.Statistics;

public sealed class QueueStatisticsRecorderTests
{
    // TestData.Now (2025-03-14 09:30:00 UTC) falls exactly on a 10-second bucket boundary.
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static QueueStatisticsRecorder Recorder(DateTimeOffset startedAt, TimeZoneInfo? zone = null) =>
        new(QueueStatisticsSettings.Default with { TimeZone = zone ?? TimeZoneInfo.Utc }, startedAt);

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    [Fact]
    public void Snapshot_NothingHappened_ZeroCountsAndUnknownRatios()
    {
        var snapshot = Recorder(Now.AddHours(-1)).Snapshot(Now);

        foreach (var interval in new[] { snapshot.Rolling, snapshot.Today })
        {
            Assert.Equal(0, interval.Offered);
            Assert.Equal(0, interval.Answered);
            Assert.Equal(0, interval.Abandoned);
            Assert.Equal(0, interval.ShortAbandoned);
            Assert.Equal(0, interval.Overflowed);
            Assert.Equal(0, interval.Completed);
            Assert.Null(interval.ServiceLevel);
            Assert.Null(interval.AverageSpeedOfAnswer);
            Assert.Null(interval.AverageHandleTime);
            Assert.Null(interval.AbandonRate);
            Assert.Equal(0, interval.ArrivalsPerSecond);
        }
    }

    [Fact]
    public void Snapshot_MixedEvents_HandComputedStatistics()
    {
        // Recording since before midnight UTC, so "today" starts at midnight.
        var recorder = Recorder(Utc(2025, 3, 13, 23));
        for (var i = 0; i < 10; i++)
        {
            recorder.Arrived(Now.AddMinutes(-10).AddSeconds(30 * i));
        }
        recorder.Answered(Now.AddMinutes(-5), TimeSpan.FromSeconds(5));
        recorder.Answered(Now.AddMinutes(-5), TimeSpan.FromSeconds(20));
        recorder.Answered(Now.AddMinutes(-5), TimeSpan.FromSeconds(21));
        recorder.Answered(Now.AddMinutes(-5), TimeSpan.FromSeconds(40));
        recorder.Abandoned(Now.AddMinutes(-4), TimeSpan.FromSeconds(3));
        recorder.Abandoned(Now.AddMinutes(-4), TimeSpan.FromSeconds(5));
        recorder.Abandoned(Now.AddMinutes(-4), TimeSpan.FromSeconds(30));
        recorder.Abandoned(Now.AddMinutes(-4), TimeSpan.FromSeconds(60));
        recorder.Overflowed(Now.AddMinutes(-3), TimeSpan.FromSeconds(90));
        recorder.Completed(Now.AddMinutes(-2), TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(20));
        recorder.Completed(Now.AddMinutes(-2), TimeSpan.FromSeconds(200), TimeSpan.FromSeconds(40));

        var snapshot = recorder.Snapshot(Now);

        foreach (var interval in new[] { snapshot.Rolling, snapshot.Today })
        {
            Assert.Equal(10, interval.Offered);
            Assert.Equal(4, interval.Answered);
            Assert.Equal(2, interval.AnsweredWithinThreshold); // 5 s and 20 s (the threshold itself counts)
            Assert.Equal(3, interval.Abandoned);               // 5 s (not short: not under 5 s), 30 s, 60 s
            Assert.Equal(1, interval.ShortAbandoned);          // 3 s
            Assert.Equal(1, interval.Overflowed);
            Assert.Equal(2, interval.Completed);
            Assert.Equal(2.0 / 7.0, interval.ServiceLevel!.Value, 12);   // 2 ÷ (4 + 3)
            Assert.Equal(3.0 / 7.0, interval.AbandonRate!.Value, 12);    // 3 ÷ (4 + 3)
            Assert.Equal(TimeSpan.FromSeconds(21.5), interval.AverageSpeedOfAnswer); // (5 + 20 + 21 + 40) ÷ 4
            Assert.Equal(TimeSpan.FromSeconds(180), interval.AverageHandleTime);     // (120 + 240) ÷ 2
        }
        // Now is a bucket start: the window is its (empty) bucket plus the 89 before, 890 s.
        Assert.Equal(Now.AddSeconds(-890), snapshot.Rolling.Since);
        Assert.Equal(10.0 / 890, snapshot.Rolling.ArrivalsPerSecond, 12);
        // Today: since 00:00 UTC, 9 h 30 min = 34,200 s.
        Assert.Equal(Utc(2025, 3, 14, 0), snapshot.Today.Since);
        Assert.Equal(10.0 / 34_200, snapshot.Today.ArrivalsPerSecond, 12);
    }

    [Fact]
    public void Window_EventSixteenMinutesOld_NoLongerCounts()
    {
        var recorder = Recorder(Now.AddHours(-1));
        recorder.Arrived(Now);

        Assert.Equal(1, recorder.Snapshot(Now.AddMinutes(14)).Rolling.Offered);
        var later = recorder.Snapshot(Now.AddMinutes(16));
        Assert.Equal(0, later.Rolling.Offered);
        Assert.Equal(1, later.Today.Offered);
    }

    [Fact]
    public void Window_EventAtBucketStart_CountsUntilFifteenMinutesLater()
    {
        var recorder = Recorder(Now.AddHours(-1));
        recorder.Arrived(Now);

        var justBefore = recorder.Snapshot(Now.AddMinutes(15).AddTicks(-1));
        Assert.Equal(1, justBefore.Rolling.Offered);
        Assert.Equal(Now, justBefore.Rolling.Since);
        Assert.Equal(0, recorder.Snapshot(Now.AddMinutes(15)).Rolling.Offered);
    }

    [Fact]
    public void Window_EventAtBucketEnd_ExpiresWithItsBucket()
    {
        // 09:30:09.9999999 shares the bucket of 09:30:00, so at 09:45:00 it expires although it is
        // only 14 min 50 s (and a tick) old: the window's resolution is one bucket.
        var recorder = Recorder(Now.AddHours(-1));
        recorder.Arrived(Now.AddSeconds(10).AddTicks(-1));

        Assert.Equal(1, recorder.Snapshot(Now.AddMinutes(15).AddTicks(-1)).Rolling.Offered);
        Assert.Equal(0, recorder.Snapshot(Now.AddMinutes(15)).Rolling.Offered);
    }

    [Fact]
    public void Window_EventInPreviousBucket_ExpiresTenSecondsEarlier()
    {
        var recorder = Recorder(Now.AddHours(-1));
        recorder.Arrived(Now.AddTicks(-1));

        Assert.Equal(1, recorder.Snapshot(Now.AddMinutes(14).AddSeconds(50).AddTicks(-1)).Rolling.Offered);
        Assert.Equal(0, recorder.Snapshot(Now.AddMinutes(14).AddSeconds(50)).Rolling.Offered);
    }

    [Fact]
    public void Window_AnHourOfArrivalsEveryTenSeconds_OnlyTheLastNinetyBucketsCount()
    {
        var recorder = Recorder(Now.AddHours(-1));
        for (var k = 0; k < 360; k++)
        {
            recorder.Arrived(Now.AddSeconds(10 * k));
        }

        // At 09:30 + 3,590 s, the window holds buckets 270 to 359: 90 arrivals over 890 s.
        var snapshot = recorder.Snapshot(Now.AddSeconds(3_590));

        Assert.Equal(90, snapshot.Rolling.Offered);
        Assert.Equal(Now.AddSeconds(2_700), snapshot.Rolling.Since);
        Assert.Equal(90.0 / 890, snapshot.Rolling.ArrivalsPerSecond, 12);
        Assert.Equal(360, snapshot.Today.Offered);
    }

    [Fact]
    public void Window_ReusedSlot_StartsEmpty()
    {
        // 09:45:00 is 90 buckets after 09:30:00: same slot of the ring, new bucket.
        var recorder = Recorder(Now.AddHours(-1));
        recorder.Answered(Now, TimeSpan.FromSeconds(10));
        recorder.Arrived(Now.AddMinutes(15));

        var rolling = recorder.Snapshot(Now.AddMinutes(15)).Rolling;

        Assert.Equal(1, rolling.Offered);
        Assert.Equal(0, rolling.Answered);
        Assert.Null(rolling.AverageSpeedOfAnswer);
    }

    [Fact]
    public void Window_RecorderJustStarted_RateOverTheTimeSinceStart()
    {
        var recorder = Recorder(Now);
        recorder.Arrived(Now.AddSeconds(10));
        recorder.Arrived(Now.AddSeconds(20));
        recorder.Arrived(Now.AddSeconds(30));

        var snapshot = recorder.Snapshot(Now.AddSeconds(60));

        Assert.Equal(Now, snapshot.Rolling.Since);
        Assert.Equal(0.05, snapshot.Rolling.ArrivalsPerSecond, 12); // 3 in 60 s, not 3 in 890 s
        Assert.Equal(Now, snapshot.Today.Since);
        Assert.Equal(0.05, snapshot.Today.ArrivalsPerSecond, 12);
    }

    [Fact]
    public void LateEvent_OlderThanWindow_CountsForTheDayOnly()
    {
        var recorder = Recorder(Now.AddHours(-1));

        recorder.Answered(Now.AddMinutes(-16), TimeSpan.FromSeconds(10), Now);
        recorder.Arrived(Now.AddMinutes(-14), Now);

        var snapshot = recorder.Snapshot(Now);
        Assert.Equal(0, snapshot.Rolling.Answered);
        Assert.Equal(1, snapshot.Rolling.Offered);
        Assert.Equal(1, snapshot.Today.Answered);
        Assert.Equal(TimeSpan.FromSeconds(10), snapshot.Today.AverageSpeedOfAnswer);
        Assert.Equal(1, snapshot.Today.Offered);
    }

    [Fact]
    public void LateEvent_ExactlyOneWindowOld_LeavesTheCurrentBucketAlone()
    {
        // 09:15:00 is 90 buckets before 09:30:00: the same slot of the ring as the current bucket.
        var recorder = Recorder(Now.AddHours(-1));
        recorder.Arrived(Now);

        recorder.Arrived(Now.AddMinutes(-15), Now);

        var snapshot = recorder.Snapshot(Now);
        Assert.Equal(1, snapshot.Rolling.Offered);
        Assert.Equal(2, snapshot.Today.Offered);
    }

    [Fact]
    public void LateEvent_FromYesterday_CountsForTheWindowOnly()
    {
        // Paris, 15 March 00:05 local (23:05 UTC): an answer at 23:58 local on the 14th is reported late.
        var recorder = Recorder(Utc(2025, 3, 14, 20), Paris);

        recorder.Answered(Utc(2025, 3, 14, 22, 58), TimeSpan.FromSeconds(10), Utc(2025, 3, 14, 23, 5));

        var snapshot = recorder.Snapshot(Utc(2025, 3, 14, 23, 5));
        Assert.Equal(1, snapshot.Rolling.Answered);
        Assert.Equal(0, snapshot.Today.Answered);
    }

    [Fact]
    public void ShortAbandons_LeftOutOfServiceLevelAndAbandonRate()
    {
        var recorder = Recorder(Now.AddHours(-1));
        recorder.Answered(Now, TimeSpan.FromSeconds(10));
        recorder.Abandoned(Now, TimeSpan.FromSeconds(2));
        recorder.Abandoned(Now, TimeSpan.FromSeconds(5).Subtract(TimeSpan.FromTicks(1)));

        var rolling = recorder.Snapshot(Now).Rolling;
        Assert.Equal(2, rolling.ShortAbandoned);
        Assert.Equal(0, rolling.Abandoned);
        Assert.Equal(1.0, rolling.ServiceLevel);   // 1 ÷ (1 + 0)
        Assert.Equal(0.0, rolling.AbandonRate);    // 0 ÷ (1 + 0)

        recorder.Abandoned(Now, TimeSpan.FromSeconds(6));

        rolling = recorder.Snapshot(Now).Rolling;
        Assert.Equal(1, rolling.Abandoned);
        Assert.Equal(0.5, rolling.ServiceLevel);   // 1 ÷ (1 + 1)
        Assert.Equal(0.5, rolling.AbandonRate);    // 1 ÷ (1 + 1)
    }

    [Fact]
    public void ShortAbandonsOnly_RatiosUnknown()
    {
        var recorder = Recorder(Now.AddHours(-1));
        recorder.Abandoned(Now, TimeSpan.FromSeconds(1));

        var rolling = recorder.Snapshot(Now).Rolling;
        Assert.Equal(1, rolling.ShortAbandoned);
        Assert.Null(rolling.ServiceLevel);
        Assert.Null(rolling.AbandonRate);
    }

    [Fact]
    public void Answered_AtThresholdWithin_OneTickLaterNot()
    {
        var recorder = Recorder(Now.AddHours(-1));
        recorder.Answered(Now, TimeSpan.FromSeconds(20));
        recorder.Answered(Now, TimeSpan.FromSeconds(20).Add(TimeSpan.FromTicks(1)));

        var rolling = recorder.Snapshot(Now).Rolling;
        Assert.Equal(1, rolling.AnsweredWithinThreshold);
        Assert.Equal(0.5, rolling.ServiceLevel);
    }

    [Fact]
    public void CustomThresholds_AreUsed()
    {
        var settings = new QueueStatisticsSettings
        {
            ServiceLevelThreshold = TimeSpan.FromSeconds(30),
            ShortAbandonThreshold = TimeSpan.Zero,
        };
        var recorder = new QueueStatisticsRecorder(settings, Now.AddHours(-1));
        recorder.Answered(Now, TimeSpan.FromSeconds(25));
        recorder.Abandoned(Now, TimeSpan.Zero);

        var rolling = recorder.Snapshot(Now).Rolling;
        Assert.Equal(1, rolling.AnsweredWithinThreshold); // 25 s ≤ 30 s
        Assert.Equal(1, rolling.Abandoned);               // nothing is shorter than 0 s
        Assert.Equal(0, rolling.ShortAbandoned);
        Assert.Equal(0.5, rolling.ServiceLevel);
    }

    [Fact]
    public void Overflowed_CountedApart_NotAnAbandon()
    {
        var recorder = Recorder(Now.AddHours(-1));
        recorder.Answered(Now, TimeSpan.FromSeconds(10));
        recorder.Overflowed(Now, TimeSpan.FromSeconds(60));
        recorder.Overflowed(Now, TimeSpan.FromSeconds(120));

        var rolling = recorder.Snapshot(Now).Rolling;
        Assert.Equal(2, rolling.Overflowed);
        Assert.Equal(0, rolling.Abandoned);
        Assert.Equal(1.0, rolling.ServiceLevel);
        Assert.Equal(0.0, rolling.AbandonRate);
    }

    [Fact]
    public void Completed_HandleTimeIsTalkPlusWrapUp()
    {
        var recorder = Recorder(Now.AddHours(-1));
        recorder.Completed(Now, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(1));
        recorder.Completed(Now, TimeSpan.FromMinutes(5), TimeSpan.Zero);

        var rolling = recorder.Snapshot(Now).Rolling;
        Assert.Equal(2, rolling.Completed);
        Assert.Equal(TimeSpan.FromSeconds(270), rolling.AverageHandleTime); // (240 + 300) ÷ 2
    }

    [Fact]
    public void NegativeDurations_CountAsZero()
    {
        var recorder = Recorder(Now.AddHours(-1));
        recorder.Answered(Now, TimeSpan.FromSeconds(-5));
        recorder.Abandoned(Now, TimeSpan.FromSeconds(-1));
        recorder.Completed(Now, TimeSpan.FromSeconds(-10), TimeSpan.FromSeconds(30));

        var rolling = recorder.Snapshot(Now).Rolling;
        Assert.Equal(1, rolling.AnsweredWithinThreshold);
        Assert.Equal(TimeSpan.Zero, rolling.AverageSpeedOfAnswer);
        Assert.Equal(1, rolling.ShortAbandoned);
        Assert.Equal(TimeSpan.FromSeconds(30), rolling.AverageHandleTime);
    }

    [Fact]
    public void ClockSkew_FutureEventClampedToNow()
    {
        var recorder = Recorder(Now.AddHours(-1));

        recorder.Arrived(Now.AddHours(1), Now);

        var now = recorder.Snapshot(Now);
        Assert.Equal(1, now.Rolling.Offered);
        Assert.Equal(1, now.Today.Offered);
        // Counted at 09:30, so it leaves the window at 09:45, not at 10:45.
        var later = recorder.Snapshot(Now.AddMinutes(15));
        Assert.Equal(0, later.Rolling.Offered);
        Assert.Equal(1, later.Today.Offered);
    }

    [Fact]
    public void ClockSkew_EventStampedTomorrow_CountsToday()
    {
        // Paris, 14 March 23:59 local (22:59 UTC); a skewed clock stamps the event 00:30 local on the 15th.
        var recorder = Recorder(Utc(2025, 3, 13, 12), Paris);

        recorder.Arrived(Utc(2025, 3, 14, 23, 30), Utc(2025, 3, 14, 22, 59));

        var snapshot = recorder.Snapshot(Utc(2025, 3, 14, 22, 59));
        Assert.Equal(1, snapshot.Today.Offered);
        Assert.Equal(Utc(2025, 3, 13, 23), snapshot.Today.Since);
    }

    [Fact]
    public void ClockSkew_SnapshotBehindRecordedEvents_CountsThemAsNow()
    {
        var recorder = Recorder(Now.AddHours(-1));
        recorder.Arrived(Now.AddSeconds(30));

        Assert.Equal(1, recorder.Snapshot(Now).Rolling.Offered);
    }

    [Fact]
    public void Day_ResetsAtLocalMidnightInParis()
    {
        // 14 March: Paris is UTC+1, so midnight of the 15th is 23:00 UTC.
        var recorder = Recorder(Utc(2025, 3, 14, 20), Paris);
        recorder.Arrived(Utc(2025, 3, 14, 22, 59, 59));

        Assert.Equal(1, recorder.Snapshot(Utc(2025, 3, 14, 22, 59, 59)).Today.Offered);
        var afterMidnight = recorder.Snapshot(Utc(2025, 3, 14, 23));
        Assert.Equal(0, afterMidnight.Today.Offered);
        Assert.Equal(Utc(2025, 3, 14, 23), afterMidnight.Today.Since);
        Assert.Equal(1, afterMidnight.Rolling.Offered);
    }

    [Fact]
    public void Day_SpringForwardInParis_IsTwentyThreeHoursLong()
    {
        // 30 March 2025: 02:00 CET becomes 03:00 CEST. The day runs from 00:00 +01:00 (29 March 23:00 UTC)
        // to the next midnight at +02:00 (30 March 22:00 UTC): 23 hours.
        var recorder = Recorder(Utc(2025, 3, 29, 22), Paris);
        recorder.Arrived(Utc(2025, 3, 29, 22, 59, 59)); // 23:59:59 on the 29th
        recorder.Arrived(Utc(2025, 3, 29, 23));         // 00:00:00 on the 30th
        recorder.Arrived(Utc(2025, 3, 30, 21, 59, 59)); // 23:59:59 on the 30th

        var lastSecond = recorder.Snapshot(Utc(2025, 3, 30, 21, 59, 59));
        Assert.Equal(2, lastSecond.Today.Offered);
        Assert.Equal(Utc(2025, 3, 29, 23), lastSecond.Today.Since);

        var nextDay = recorder.Snapshot(Utc(2025, 3, 30, 22));
        Assert.Equal(0, nextDay.Today.Offered);
        Assert.Equal(Utc(2025, 3, 30, 22), nextDay.Today.Since);
    }

    [Fact]
    public void Day_SpringForwardInParis_RateAtNoonOverElevenHours()
    {
        // 396 arrivals, one every 100 s from local midnight (29 March 23:00 UTC). At 12:00 local
        // (30 March 10:00 UTC) only 11 hours = 39,600 s have elapsed: 396 ÷ 39,600 = 0.01 a second.
        var recorder = Recorder(Utc(2025, 3, 29, 20), Paris);
        for (var k = 0; k < 396; k++)
        {
            recorder.Arrived(Utc(2025, 3, 29, 23).AddSeconds(100 * k));
        }

        var today = recorder.Snapshot(Utc(2025, 3, 30, 10)).Today;

        Assert.Equal(396, today.Offered);
        Assert.Equal(0.01, today.ArrivalsPerSecond, 12);
    }

    [Fact]
    public void Day_FallBackInParis_IsTwentyFiveHoursLong()
    {
        // 26 October 2025: 03:00 CEST becomes 02:00 CET. The day runs from 00:00 +02:00 (25 October
        // 22:00 UTC) to the next midnight at +01:00 (26 October 23:00 UTC): 25 hours.
        var recorder = Recorder(Utc(2025, 10, 25, 21), Paris);
        recorder.Arrived(Utc(2025, 10, 25, 22));        // 00:00 on the 26th
        recorder.Arrived(Utc(2025, 10, 26, 22, 30));    // 23:30 on the 26th

        var lastSecond = recorder.Snapshot(Utc(2025, 10, 26, 22, 59, 59));
        Assert.Equal(2, lastSecond.Today.Offered);
        Assert.Equal(Utc(2025, 10, 25, 22), lastSecond.Today.Since);

        Assert.Equal(0, recorder.Snapshot(Utc(2025, 10, 26, 23)).Today.Offered);
    }

    [Fact]
    public void Day_SeveralDaysWithoutEvents_StartsTheCurrentDay()
    {
        var recorder = Recorder(Utc(2025, 3, 10, 12));
        recorder.Arrived(Utc(2025, 3, 10, 13));

        var today = recorder.Snapshot(Now).Today;

        Assert.Equal(0, today.Offered);
        Assert.Equal(Utc(2025, 3, 14, 0), today.Since);
    }

    [Fact]
    public void Constructor_NegativeThresholds_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new QueueStatisticsRecorder(
            QueueStatisticsSettings.Default with { ServiceLevelThreshold = TimeSpan.FromSeconds(-1) }, Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QueueStatisticsRecorder(
            QueueStatisticsSettings.Default with { ShortAbandonThreshold = TimeSpan.FromSeconds(-1) }, Now));
        Assert.Throws<ArgumentNullException>(() => new QueueStatisticsRecorder(null!, Now));
    }

    [Fact]
    public void Constants_DescribeAFifteenMinuteWindowOfTenSecondBuckets()
    {
        Assert.Equal(90, QueueStatisticsRecorder.BucketCount);
        Assert.Equal(TimeSpan.FromSeconds(10), QueueStatisticsRecorder.BucketLength);
        Assert.Equal(TimeSpan.FromMinutes(15), QueueStatisticsRecorder.WindowLength);
    }
}
