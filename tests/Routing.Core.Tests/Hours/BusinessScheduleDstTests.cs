using System.Globalization;
using Routing.Core.Hours;
using Xunit;

namespace Routing.Core.Tests.Hours;

/// <summary>The nights the clocks change: an interval that does not exist that night is skipped, the
/// repeated hour is open both times round, and <see cref="BusinessSchedule.NextOpening"/> is always the
/// first instant at which <see cref="BusinessSchedule.IsOpen"/> is true.</summary>
public sealed class BusinessScheduleDstTests
{
    private static readonly string[] Zones =
    [
        "America/New_York", "Europe/London", "Australia/Lord_Howe", "America/Santiago", "Pacific/Chatham", "Europe/Dublin",
    ];

    private static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture);

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    private static BusinessHours Daily(string interval) => new()
    {
        Weekly = [.. Enum.GetValues<DayOfWeek>().Select(day => new WeeklyHours { Day = day, Open = [interval] })],
    };

    [Fact]
    public void NextOpening_IntervalWhollyInsideTheSkippedHour_OpensTheNextDay()
    {
        // New York, Sunday 8 March 2026: 02:00 EST (07:00 UTC) becomes 03:00 EDT, so 02:00-03:00 does not exist.
        var hours = Daily("02:00-03:00");
        var newYork = Zone("America/New_York");
        var midnight = At("2026-03-08T05:00:00Z");

        var opening = BusinessSchedule.NextOpening(hours, midnight, newYork);

        Assert.False(BusinessSchedule.IsOpen(hours, At("2026-03-08T07:00:00Z"), newYork));
        // Monday 02:00 EDT.
        Assert.Equal(At("2026-03-09T06:00:00Z"), opening);
        Assert.True(BusinessSchedule.IsOpen(hours, opening!.Value, newYork));
    }

    [Fact]
    public void NextOpening_AfterTheClocksGoBack_OpensAtTheSecondPassOfTheRepeatedHour()
    {
        // London, Sunday 25 October 2026: 02:00 BST (01:00 UTC) becomes 01:00 GMT, so 01:30 happens twice:
        // at 00:30 UTC (BST) and at 01:30 UTC (GMT). At 01:00 UTC the clock reads 01:00 GMT: closed.
        var hours = Daily("01:30-03:00");
        var london = Zone("Europe/London");

        Assert.True(BusinessSchedule.IsOpen(hours, At("2026-10-25T00:59:00Z"), london));
        Assert.False(BusinessSchedule.IsOpen(hours, At("2026-10-25T01:00:00Z"), london));
        Assert.True(BusinessSchedule.IsOpen(hours, At("2026-10-25T01:30:00Z"), london));
        Assert.Equal(At("2026-10-25T01:30:00Z"), BusinessSchedule.NextOpening(hours, At("2026-10-25T01:00:00Z"), london));
    }

    [Fact]
    public void NextOpening_ClocksJumpBackIntoAnInterval_OpensAtTheJump()
    {
        // London, 25 October 2026: at 01:00 UTC the clock goes from 01:59:59 BST back to 01:00 GMT, inside 00:30-01:30.
        var hours = Daily("00:30-01:30");
        var london = Zone("Europe/London");

        Assert.False(BusinessSchedule.IsOpen(hours, At("2026-10-25T00:45:00Z"), london));
        Assert.Equal(At("2026-10-25T01:00:00Z"), BusinessSchedule.NextOpening(hours, At("2026-10-25T00:45:00Z"), london));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void NextOpening_RandomHoursAndInstantsAroundClockChanges_IsTheFirstInstantIsOpenIsTrue(int seed)
    {
        var random = new Random(seed);
        foreach (var id in Zones)
        {
            var zone = Zone(id);
            var changes = OffsetChanges(zone, At("2026-01-01T00:00:00Z"), At("2028-01-01T00:00:00Z"));
            Assert.NotEmpty(changes);
            for (var sample = 0; sample < 25; sample++)
            {
                var change = changes[random.Next(changes.Count)];
                var hours = RandomHours(random, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(change, zone).DateTime));
                var instant = change + TimeSpan.FromSeconds(random.Next(-36 * 3600, 36 * 3600));

                var expected = FirstOpenByScanning(hours, instant, zone);

                Assert.True(expected is not null, $"{id}: no opening within 8 days of {instant:O}");
                Assert.True(
                    expected == BusinessSchedule.NextOpening(hours, instant, zone),
                    $"{id} from {instant:O} with {Describe(hours)}: expected {expected:O}, got {BusinessSchedule.NextOpening(hours, instant, zone):O}");
            }
        }
    }

    /// <summary>The reference: <paramref name="instant"/> if open, else the first whole minute after it that is
    /// open. Interval bounds are whole local minutes and these zones change on whole minutes, so no opening falls
    /// between two whole minutes.</summary>
    private static DateTimeOffset? FirstOpenByScanning(BusinessHours hours, DateTimeOffset instant, TimeZoneInfo zone)
    {
        if (BusinessSchedule.IsOpen(hours, instant, zone))
        {
            return instant;
        }
        var minute = TimeSpan.TicksPerMinute;
        var next = new DateTimeOffset(((instant.UtcTicks / minute) + 1) * minute, TimeSpan.Zero);
        for (var end = instant.AddDays(8); next <= end; next = next.AddMinutes(1))
        {
            if (BusinessSchedule.IsOpen(hours, next, zone))
            {
                return next;
            }
        }
        return null;
    }

    /// <summary>One to three intervals every day, mostly in the small hours where clocks change, sometimes not
    /// on a quarter hour; now and then a dated exception (closed, or other hours) on the day of the change.</summary>
    private static BusinessHours RandomHours(Random random, DateOnly changeDay)
    {
        string[] Intervals()
        {
            var count = random.Next(1, 4);
            return [.. Enumerable.Range(0, count).Select(_ =>
            {
                var opens = random.Next(2) == 0 ? random.Next(0, 4 * 60) : random.Next(0, 24 * 60 - 1);
                if (random.Next(3) > 0)
                {
                    opens -= opens % 15;
                }
                var closes = Math.Min(24 * 60, opens + random.Next(1, 181));
                return $"{Clock(opens)}-{Clock(closes)}";
            })];
        }
        return new BusinessHours
        {
            Weekly = [.. Enum.GetValues<DayOfWeek>().Select(day => new WeeklyHours { Day = day, Open = Intervals() })],
            Exceptions = random.Next(3) switch
            {
                0 => [new DatedHours { Date = changeDay }],
                1 => [new DatedHours { Date = changeDay, Open = Intervals() }],
                _ => [],
            },
        };
    }

    private static string Clock(int minutes) => minutes == 24 * 60
        ? "24:00"
        : $"{minutes / 60:00}:{minutes % 60:00}";

    private static string Describe(BusinessHours hours) =>
        string.Join("; ", hours.Weekly.Select(w => $"{w.Day} {string.Join(",", w.Open)}"));

    /// <summary>The instants the zone's offset changes, found by stepping an hour at a time (to within an hour:
    /// they only pick where the random instants fall).</summary>
    private static List<DateTimeOffset> OffsetChanges(TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to)
    {
        var changes = new List<DateTimeOffset>();
        var offset = zone.GetUtcOffset(from);
        for (var at = from; at < to; at = at.AddHours(1))
        {
            var now = zone.GetUtcOffset(at);
            if (now != offset)
            {
                changes.Add(at);
                offset = now;
            }
        }
        return changes;
    }
}
