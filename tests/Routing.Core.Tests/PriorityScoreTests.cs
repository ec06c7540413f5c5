using Xunit;
using static Routing.Core.Tests.TestData;

namespace Routing.Core.Tests;

public sealed class PriorityScoreTests
{
    private static readonly TimeSpan Weight30 = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(90, 2, 30, 150)]
    [InlineData(90, 0, 30, 90)]
    [InlineData(0, 3, 60, 180)]
    [InlineData(0, 0, 30, 0)]
    [InlineData(600, 4, 0, 600)]
    [InlineData(10, -1, 30, -20)]
    public void Score_SecondsWaitedPlusPriorityTimesWeight_HandComputed(int waitedSeconds, int priority, int weightSeconds, double expected)
    {
        var score = PriorityScore.Score(Now.AddSeconds(-waitedSeconds), priority, TimeSpan.FromSeconds(weightSeconds), Now);

        Assert.Equal(expected, score);
    }

    [Fact]
    public void Score_SubSecondWait_CountsFraction() =>
        Assert.Equal(2.5, PriorityScore.Score(Now.AddMilliseconds(-2500), 0, Weight30, Now));

    [Fact]
    public void Score_ArrivalInDifferentOffset_WaitMeasuredBetweenInstants()
    {
        var arrival = new DateTimeOffset(2025, 3, 14, 11, 29, 0, TimeSpan.FromHours(2));

        Assert.Equal(60, PriorityScore.Score(arrival, 0, Weight30, Now));
    }

    [Theory]
    [InlineData(30, 0, 30, 0)]
    [InlineData(30, 1, 10, 10)]
    [InlineData(3600, 2, 15, 30)]
    public void Score_ArrivalInFuture_CountsAsZeroWait(int secondsAhead, int priority, int weightSeconds, double expected)
    {
        var score = PriorityScore.Score(Now.AddSeconds(secondsAhead), priority, TimeSpan.FromSeconds(weightSeconds), Now);

        Assert.Equal(expected, score);
    }

    [Fact]
    public void Score_HigherPriority_JumpsAheadOfOlderWork()
    {
        var older = PriorityScore.Score(Now.AddSeconds(-60), 0, Weight30, Now);
        var urgent = PriorityScore.Score(Now.AddSeconds(-10), 2, Weight30, Now);

        Assert.Equal(60, older);
        Assert.Equal(70, urgent);
        Assert.True(urgent > older);
    }

    [Fact]
    public void Score_OldEnoughLowPriority_BeatsNewHighPriority()
    {
        var old = PriorityScore.Score(Now.AddSeconds(-200), 0, Weight30, Now);
        var urgent = PriorityScore.Score(Now, 5, Weight30, Now);

        Assert.Equal(200, old);
        Assert.Equal(150, urgent);
        Assert.True(old > urgent);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 30)]
    [InlineData(9, 300)]
    public void Score_WorkArrivingMoreThanPriorityShiftLater_NeverOvertakesOldWork(int priority, int weightSeconds)
    {
        // Old work never starves: whatever priority later work has, once the old item has waited longer
        // than priority × weight, nothing arriving from then on gets ahead of it, at any later moment.
        var weight = TimeSpan.FromSeconds(weightSeconds);
        var oldArrival = Now;
        var shift = priority * weightSeconds;
        for (var later = shift + 1; later <= shift + 50; later++)
        {
            var newArrival = oldArrival.AddSeconds(later);
            for (var waitAfter = 0; waitAfter <= 3600; waitAfter += 600)
            {
                var at = newArrival.AddSeconds(waitAfter);
                Assert.True(
                    PriorityScore.Score(oldArrival, 0, weight, at) > PriorityScore.Score(newArrival, priority, weight, at),
                    $"arriving {later} s later with priority {priority} overtook old work at +{waitAfter} s");
            }
        }
    }

    [Fact]
    public void Score_ZeroWeight_PriorityIgnoredFirstComeFirstServed()
    {
        var older = PriorityScore.Score(Now.AddSeconds(-20), 0, TimeSpan.Zero, Now);
        var urgent = PriorityScore.Score(Now.AddSeconds(-10), 9, TimeSpan.Zero, Now);

        Assert.True(older > urgent);
    }

    [Fact]
    public void EffectiveArrival_ShiftsArrivalEarlierByPriorityTimesWeight() =>
        Assert.Equal(Now.AddSeconds(-60), PriorityScore.EffectiveArrival(Now, 2, Weight30));

    [Fact]
    public void EffectiveArrival_ZeroPriority_EqualsArrival() =>
        Assert.Equal(Now, PriorityScore.EffectiveArrival(Now, 0, Weight30));

    [Fact]
    public void EffectiveArrival_NegativePriority_ShiftsLater() =>
        Assert.Equal(Now.AddSeconds(30), PriorityScore.EffectiveArrival(Now, -1, Weight30));

    [Fact]
    public void EffectiveArrival_ArrivalWithOffset_SameInstantInUtc()
    {
        var arrival = new DateTimeOffset(2025, 3, 14, 11, 30, 0, TimeSpan.FromHours(2));

        var key = PriorityScore.EffectiveArrival(arrival, 1, Weight30);

        Assert.Equal(TimeSpan.Zero, key.Offset);
        Assert.Equal(Now.AddSeconds(-30).UtcTicks, key.UtcTicks);
    }

    [Fact]
    public void EffectiveArrival_ShiftBeforeYearOne_ClampsToMinValue()
    {
        var key = PriorityScore.EffectiveArrival(Now, 1, TimeSpan.FromDays(365 * 3000));

        Assert.Equal(DateTimeOffset.MinValue.UtcTicks, key.UtcTicks);
    }

    [Fact]
    public void EffectiveArrival_ShiftAfterYear9999_ClampsToMaxValue()
    {
        var key = PriorityScore.EffectiveArrival(Now, -1, TimeSpan.FromDays(365 * 9000));

        Assert.Equal(DateTimeOffset.MaxValue.UtcTicks, key.UtcTicks);
    }

    // BUG: priority × weight is computed as a TimeSpan, which throws when it exceeds TimeSpan's range
    // instead of being clamped like every other extreme shift.
    [Fact]
    public void EffectiveArrival_PriorityTimesWeightBeyondTimeSpanRange_ClampsInsteadOfThrowing()
    {
        var key = PriorityScore.EffectiveArrival(Now, int.MaxValue, TimeSpan.FromHours(1));

        Assert.Equal(DateTimeOffset.MinValue.UtcTicks, key.UtcTicks);
    }

    // BUG: arrival ticks − shift ticks overflows a long for a huge negative shift and wraps round,
    // so the lowest priority is clamped to MinValue and ranked first instead of last.
    [Fact]
    public void EffectiveArrival_HugeNegativeShift_ClampsToMaxValueNotMinValue()
    {
        var key = PriorityScore.EffectiveArrival(Now, -1, TimeSpan.MaxValue);

        Assert.Equal(DateTimeOffset.MaxValue.UtcTicks, key.UtcTicks);
    }

    [Fact]
    public void EffectiveArrival_ManyItemsAtOneNow_OrdersExactlyLikeScore()
    {
        var random = new Random(20250314);
        for (var round = 0; round < 300; round++)
        {
            var weight = TimeSpan.FromSeconds(random.Next(0, 121));
            var now = Now.AddSeconds(random.Next(0, 86_400));
            var items = Enumerable.Range(0, 12)
                .Select(_ => (Arrival: now.AddSeconds(random.Next(-3600, 1)), Priority: random.Next(0, 10)))
                .ToArray();
            foreach (var a in items)
            {
                foreach (var b in items)
                {
                    var byScore = PriorityScore.Score(a.Arrival, a.Priority, weight, now)
                        .CompareTo(PriorityScore.Score(b.Arrival, b.Priority, weight, now));
                    // The smaller effective arrival has the higher score.
                    var byKey = PriorityScore.EffectiveArrival(b.Arrival, b.Priority, weight)
                        .CompareTo(PriorityScore.EffectiveArrival(a.Arrival, a.Priority, weight));
                    Assert.Equal(Math.Sign(byScore), Math.Sign(byKey));
                }
            }
        }
    }

    [Fact]
    public void EffectiveArrival_ClampedSkewedArrivals_StillOrdersLikeScore()
    {
        var random = new Random(77);
        for (var round = 0; round < 300; round++)
        {
            var weight = TimeSpan.FromSeconds(random.Next(1, 61));
            var items = Enumerable.Range(0, 10)
                .Select(_ => (Arrival: PriorityScore.ClampArrival(Now.AddSeconds(random.Next(-600, 601)), Now), Priority: random.Next(0, 5)))
                .ToArray();
            var byScore = items
                .OrderByDescending(i => PriorityScore.Score(i.Arrival, i.Priority, weight, Now))
                .Select(i => PriorityScore.Score(i.Arrival, i.Priority, weight, Now));
            var byKey = items
                .OrderBy(i => PriorityScore.EffectiveArrival(i.Arrival, i.Priority, weight))
                .Select(i => PriorityScore.Score(i.Arrival, i.Priority, weight, Now));
            Assert.Equal(byScore, byKey);
        }
    }

    [Fact]
    public void EffectiveArrival_ClampedFutureArrival_RanksWithWorkArrivingNow()
    {
        var skewed = PriorityScore.ClampArrival(Now.AddMinutes(5), Now);

        Assert.Equal(
            PriorityScore.EffectiveArrival(Now, 1, Weight30),
            PriorityScore.EffectiveArrival(skewed, 1, Weight30));
        Assert.True(PriorityScore.EffectiveArrival(skewed, 0, Weight30) < PriorityScore.EffectiveArrival(Now.AddSeconds(1), 0, Weight30));
    }

    [Fact]
    public void ClampArrival_FutureArrival_ReturnsNow() =>
        Assert.Equal(Now, PriorityScore.ClampArrival(Now.AddSeconds(1), Now));

    [Fact]
    public void ClampArrival_PastArrival_Unchanged() =>
        Assert.Equal(Now.AddMinutes(-3), PriorityScore.ClampArrival(Now.AddMinutes(-3), Now));

    [Fact]
    public void ClampArrival_ArrivalEqualsNow_Unchanged() =>
        Assert.Equal(Now, PriorityScore.ClampArrival(Now, Now));

    [Fact]
    public void ClampArrival_EarlierInstantWithLaterLocalTime_Unchanged()
    {
        // 10:00 at +02:00 is 08:00 UTC, before Now (09:30 UTC), though its clock reading is later.
        var arrival = new DateTimeOffset(2025, 3, 14, 10, 0, 0, TimeSpan.FromHours(2));

        var clamped = PriorityScore.ClampArrival(arrival, Now);

        Assert.Equal(arrival.UtcTicks, clamped.UtcTicks);
    }
}
