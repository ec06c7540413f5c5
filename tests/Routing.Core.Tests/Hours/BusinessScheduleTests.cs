using Routing.Core.Hours;
using Xunit;

namespace Routing.Core.Tests.Hours;

/// <summary>Business hours in Europe/London (GMT in winter, BST = UTC+1 from 29 Mar to 25 Oct 2026), against
/// hand-computed instants.</summary>
public sealed class BusinessScheduleTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private static readonly BusinessHours Hours = new()
    {
        Weekly =
        [
            new WeeklyHours { Day = DayOfWeek.Monday, Open = ["08:00-18:00"] },
            new WeeklyHours { Day = DayOfWeek.Tuesday, Open = ["08:00-18:00"] },
            new WeeklyHours { Day = DayOfWeek.Wednesday, Open = ["08:00-18:00"] },
            new WeeklyHours { Day = DayOfWeek.Thursday, Open = ["08:00-18:00"] },
            new WeeklyHours { Day = DayOfWeek.Friday, Open = ["08:00-12:30", "13:30-17:00"] },
            new WeeklyHours { Day = DayOfWeek.Saturday, Open = ["09:00-13:00"] },
            // Inside the hour the clocks skip in spring and the hour that happens twice in autumn.
            new WeeklyHours { Day = DayOfWeek.Sunday, Open = ["01:30-04:00"] },
        ],
        Exceptions =
        [
            new DatedHours { Date = new DateOnly(2026, 12, 24), Open = ["08:00-13:00"], Name = "Christmas Eve" },
            new DatedHours { Date = new DateOnly(2026, 12, 25), Name = "Christmas Day" },
        ],
    };

    private static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    // Winter Monday: 08:00 GMT is 08:00 UTC.
    [InlineData("2026-03-23T07:59:00Z", false)]
    [InlineData("2026-03-23T08:00:00Z", true)]
    [InlineData("2026-03-23T17:59:00Z", true)]
    [InlineData("2026-03-23T18:00:00Z", false)]
    // Summer Monday after the change: 08:00 BST is 07:00 UTC.
    [InlineData("2026-03-30T06:59:00Z", false)]
    [InlineData("2026-03-30T07:00:00Z", true)]
    [InlineData("2026-03-30T16:59:00Z", true)]
    [InlineData("2026-03-30T17:00:00Z", false)]
    // Friday lunch break.
    [InlineData("2026-03-27T12:45:00Z", false)]
    [InlineData("2026-03-27T13:30:00Z", true)]
    // Spring-forward Sunday (01:00 GMT → 02:00 BST at 01:00 UTC): open from the jump to 04:00 BST (03:00 UTC).
    [InlineData("2026-03-29T00:59:00Z", false)]
    [InlineData("2026-03-29T01:00:00Z", true)]
    [InlineData("2026-03-29T02:59:00Z", true)]
    [InlineData("2026-03-29T03:00:00Z", false)]
    // Christmas Eve (a Thursday) closes at 13:00 instead of 18:00; Christmas Day (a Friday) is closed.
    [InlineData("2026-12-24T12:59:00Z", true)]
    [InlineData("2026-12-24T13:00:00Z", false)]
    [InlineData("2026-12-25T10:00:00Z", false)]
    public void IsOpen_AtInstant_FollowsLocalHoursAndExceptions(string utc, bool open) =>
        Assert.Equal(open, BusinessSchedule.IsOpen(Hours, At(utc), London));

    [Theory]
    // Open now: now.
    [InlineData("2026-03-23T09:00:00Z", "2026-03-23T09:00:00Z")]
    // Saturday afternoon in winter → Sunday 01:30 GMT.
    [InlineData("2026-03-21T14:00:00Z", "2026-03-22T01:30:00Z")]
    // Saturday before spring forward → Sunday 01:30 does not exist: opens at the jump, 02:00 BST = 01:00 UTC.
    [InlineData("2026-03-28T20:00:00Z", "2026-03-29T01:00:00Z")]
    // Sunday after the change → Monday 08:00 BST = 07:00 UTC.
    [InlineData("2026-03-29T12:00:00Z", "2026-03-30T07:00:00Z")]
    // Saturday before fall back → Sunday 01:30 happens twice: the first, 01:30 BST = 00:30 UTC.
    [InlineData("2026-10-24T20:00:00Z", "2026-10-25T00:30:00Z")]
    // Christmas Eve afternoon → Christmas Day closed → Saturday 26th 09:00 GMT.
    [InlineData("2026-12-24T14:00:00Z", "2026-12-26T09:00:00Z")]
    // Friday lunch → 13:30 the same day.
    [InlineData("2026-03-27T12:45:00Z", "2026-03-27T13:30:00Z")]
    public void NextOpening_FromInstant_IsTheHandComputedInstant(string utc, string expected) =>
        Assert.Equal(At(expected), BusinessSchedule.NextOpening(Hours, At(utc), London));

    [Fact]
    public void NextOpening_NoHoursAtAll_IsNull() =>
        Assert.Null(BusinessSchedule.NextOpening(new BusinessHours(), At("2026-03-23T09:00:00Z"), London));

    [Fact]
    public void Describe_OpeningWithinTheWeek_DayTimeAndZone()
    {
        var now = At("2026-11-21T14:00:00Z");
        var opening = BusinessSchedule.NextOpening(Hours with { Weekly = [.. Hours.Weekly.Where(w => w.Day != DayOfWeek.Sunday)] }, now, London);

        Assert.Equal(At("2026-11-23T08:00:00Z"), opening);
        Assert.Equal("Mon 08:00 Europe/London", BusinessSchedule.Describe(opening!.Value, now, London));
    }

    [Theory]
    [InlineData("08:00-17:30", true)]
    [InlineData("00:00-24:00", true)]
    [InlineData("18:00-08:00", false)]
    [InlineData("08:00-08:00", false)]
    [InlineData("8-17", false)]
    [InlineData("24:00-24:00", false)]
    [InlineData("08:00-25:00", false)]
    public void OpenInterval_Parse_AcceptsOnlyForwardIntervalsWithinADay(string text, bool valid) =>
        Assert.Equal(valid, OpenInterval.TryParse(text, out _));

    [Fact]
    public void Problems_BadIntervalsAndRepeatedDays_ReportedEach()
    {
        var hours = new BusinessHours
        {
            Weekly = [new WeeklyHours { Day = DayOfWeek.Monday, Open = ["18:00-08:00"] }, new WeeklyHours { Day = DayOfWeek.Monday }],
            Exceptions = [new DatedHours { Date = new DateOnly(2026, 12, 25) }, new DatedHours { Date = new DateOnly(2026, 12, 25) }],
        };

        var problems = BusinessSchedule.Problems(hours, "queue 'sales'").ToList();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("'18:00-08:00'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Monday appears 2 times", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("2026-12-25 appears 2 times", StringComparison.Ordinal));
    }
}
