namespace Routing.Core.Statistics;

/// <summary>
/// The contact centre's day: from one local midnight to the next in its time zone, as instants.
/// A day is 23 or 25 hours long when the clocks change; where a zone skips midnight the day starts
/// at the jump, and where midnight happens twice the day starts at the first one.
/// </summary>
public static class LocalDay
{
    private static readonly TimeSpan SearchMargin = TimeSpan.FromHours(15);

    /// <summary>The start and end of the local day that contains <paramref name="instant"/>.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Containing(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var date = TimeZoneInfo.ConvertTime(instant, zone).Date;
        return (StartOf(date, zone), StartOf(date.AddDays(1), zone));
    }

    /// <summary>The first instant whose local date in <paramref name="zone"/> is <paramref name="localDate"/>.</summary>
    public static DateTimeOffset StartOf(DateTime localDate, TimeZoneInfo zone)
    {
        var midnight = DateTime.SpecifyKind(localDate.Date, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(midnight))
        {
            // Midnight happens twice: the first time is under the larger offset.
            return new DateTimeOffset(midnight, zone.GetAmbiguousTimeOffsets(midnight).Max());
        }
        if (!zone.IsInvalidTime(midnight))
        {
            return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
        }
        // The clocks jump over midnight: the day starts at the jump. Search for the first instant
        // whose local date is the new one (offsets stay within ±14 h, so the margins bracket it).
        var low = new DateTimeOffset(midnight, TimeSpan.Zero) - SearchMargin;
        var high = new DateTimeOffset(midnight, TimeSpan.Zero) + SearchMargin;
        while (high.UtcTicks - low.UtcTicks > 1)
        {
            var middle = low.AddTicks((high.UtcTicks - low.UtcTicks) / 2);
            if (TimeZoneInfo.ConvertTime(middle, zone).Date < midnight)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }
        return high.ToOffset(zone.GetUtcOffset(high));
    }
}
