using System.Globalization;

namespace Routing.Core.Hours;

/// <summary>
/// Whether <see cref="BusinessHours"/> are open at an instant and when they next open, in a time zone.
/// </summary>
/// <remarks>
/// Hours are wall-clock times: the queue is open whenever the local clock reads a time inside one of
/// the intervals of the local date. So on the night the clocks go forward, the part of an interval that
/// falls in the skipped hour does not exist: an interval that starts there opens at the jump, and one
/// wholly inside it does not open that night. On the night the clocks go back, the repeated hour is open
/// both times the clock passes through it (an interval from 01:30 closes at the change and opens again
/// at the second 01:30). <see cref="NextOpening"/> is the earliest instant at or after the given one at
/// which <see cref="IsOpen"/> is true, so the two never disagree.
/// </remarks>
public static class BusinessSchedule
{
    /// <summary>How far ahead <see cref="NextOpening"/> looks (a year and a bit: every dated exception fits).</summary>
    private const int SearchDays = 400;

    /// <summary>Local dates either side of a day's window whose intervals can fall in it (offsets are within ±14 h).</summary>
    private const int DateMargin = 1;

    public static bool IsOpen(BusinessHours hours, DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return IntervalsOn(hours, DateOnly.FromDateTime(local.DateTime)).Any(i => i.Contains(local.TimeOfDay));
    }

    /// <summary>The first instant at or after <paramref name="instant"/> when the hours are open (when
    /// <see cref="IsOpen"/> is true); null when they never open within the next 400 days.</summary>
    /// <remarks>Closed turns to open only where the local clock reaches an interval's opening time or
    /// jumps (a change of the zone's offset), so the answer is the first of those moments at which the
    /// hours are open; they are searched a day at a time, in order.</remarks>
    public static DateTimeOffset? NextOpening(BusinessHours hours, DateTimeOffset instant, TimeZoneInfo zone)
    {
        if (IsOpen(hours, instant, zone))
        {
            return instant;
        }
        for (var day = 0; day < SearchDays; day++)
        {
            var from = instant.AddDays(day);
            var to = from.AddDays(1);
            var candidates = OpeningsBetween(hours, from, to, zone);
            if (OffsetChangeBetween(from, to, zone) is { } change)
            {
                candidates.Add(change);
            }
            candidates.Sort();
            foreach (var candidate in candidates)
            {
                if (IsOpen(hours, candidate, zone))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    /// <summary>"Mon 08:00 Europe/London" (with the date when it is a week or more away), for people.</summary>
    public static string Describe(DateTimeOffset opening, DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(opening, zone);
        var format = opening - now < TimeSpan.FromDays(6) ? "ddd HH:mm" : "ddd d MMM yyyy HH:mm";
        return $"{local.ToString(format, CultureInfo.InvariantCulture)} {zone.Id}";
    }

    /// <summary>The intervals of <paramref name="date"/>: its dated exception's, else its weekday's.</summary>
    public static IEnumerable<OpenInterval> IntervalsOn(BusinessHours hours, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var exception = Array.Find(hours.Exceptions, e => e.Date == date);
        var texts = exception is not null
            ? exception.Open
            : hours.Weekly.Where(w => w.Day == date.DayOfWeek).SelectMany(w => w.Open);
        foreach (var text in texts)
        {
            if (OpenInterval.TryParse(text, out var interval))
            {
                yield return interval;
            }
        }
    }

    /// <summary>Every problem with <paramref name="hours"/>, each prefixed with <paramref name="owner"/>.</summary>
    public static IEnumerable<string> Problems(BusinessHours hours, string owner)
    {
        if (hours.Weekly is null || hours.Exceptions is null)
        {
            yield return $"{owner}: business hours need weekly and exceptions lists (empty is fine)";
            yield break;
        }
        if (hours.Exceptions.Length > BusinessHours.MaxExceptions)
        {
            yield return $"{owner}: at most {BusinessHours.MaxExceptions} dated exceptions";
        }
        foreach (var day in hours.Weekly.GroupBy(w => w?.Day))
        {
            if (day.Key is not { } weekday || !Enum.IsDefined(weekday))
            {
                yield return $"{owner}: weekly hours need a day of the week";
            }
            else if (day.Count() > 1)
            {
                yield return $"{owner}: {weekday} appears {day.Count()} times in the weekly hours";
            }
        }
        foreach (var named in hours.Exceptions.Where(e => e?.Name is { Length: > TextLimits.MaxNameLength }))
        {
            yield return $"{owner}: {TextLimits.Problem($"the name of exception {named.Date:yyyy-MM-dd}", named.Name, TextLimits.MaxNameLength)}";
        }
        foreach (var date in hours.Exceptions.Where(e => e is not null).GroupBy(e => e.Date).Where(g => g.Count() > 1))
        {
            yield return $"{owner}: {date.Key:yyyy-MM-dd} appears {date.Count()} times in the exceptions";
        }
        var days = hours.Weekly.Where(w => w is not null).Select(w => (What: w.Day.ToString(), w.Open))
            .Concat(hours.Exceptions.Where(e => e is not null).Select(e => (What: e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.Open)));
        foreach (var (what, open) in days)
        {
            foreach (var problem in IntervalProblems(open, $"{owner}: {what}"))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<string> IntervalProblems(string[]? open, string owner)
    {
        if (open is null)
        {
            yield return $"{owner}: open intervals must be a list (empty: closed)";
            yield break;
        }
        if (open.Length > BusinessHours.MaxIntervalsPerDay)
        {
            yield return $"{owner}: at most {BusinessHours.MaxIntervalsPerDay} intervals a day";
        }
        foreach (var text in open.Where(t => !OpenInterval.TryParse(t, out _)))
        {
            yield return $"{owner}: '{text}' is not an interval like \"08:00-17:30\" that opens before it closes";
        }
    }

    /// <summary>Every instant in (<paramref name="from"/>, <paramref name="to"/>] at which the local clock
    /// reads an interval's opening time: none when that time is skipped, two when it happens twice.</summary>
    private static List<DateTimeOffset> OpeningsBetween(BusinessHours hours, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        var openings = new List<DateTimeOffset>();
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime).AddDays(-DateMargin);
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to, zone).DateTime).AddDays(DateMargin);
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            foreach (var interval in IntervalsOn(hours, date))
            {
                var local = date.ToDateTime(TimeOnly.MinValue) + interval.Opens;
                foreach (var opening in InstantsOf(local, zone))
                {
                    if (opening > from && opening <= to)
                    {
                        openings.Add(opening);
                    }
                }
            }
        }
        return openings;
    }

    /// <summary>The instants at which the local clock reads <paramref name="local"/>.</summary>
    private static IEnumerable<DateTimeOffset> InstantsOf(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return [];
        }
        if (zone.IsAmbiguousTime(local))
        {
            return zone.GetAmbiguousTimeOffsets(local).Select(offset => new DateTimeOffset(local, offset));
        }
        return [new DateTimeOffset(local, zone.GetUtcOffset(local))];
    }

    /// <summary>The first instant in (<paramref name="from"/>, <paramref name="to"/>] with the zone's offset
    /// at <paramref name="to"/>, when that differs from the offset at <paramref name="from"/>: the moment
    /// the clocks change. Zones change their offset at most once in a day, so one bisection finds it.</summary>
    private static DateTimeOffset? OffsetChangeBetween(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        var before = zone.GetUtcOffset(from);
        if (zone.GetUtcOffset(to) == before)
        {
            return null;
        }
        long low = from.UtcTicks, high = to.UtcTicks;
        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            if (zone.GetUtcOffset(new DateTimeOffset(middle, TimeSpan.Zero)) == before)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }
        return new DateTimeOffset(high, TimeSpan.Zero);
    }
}
