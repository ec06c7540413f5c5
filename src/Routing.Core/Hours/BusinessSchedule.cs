using System.Globalization;

namespace Routing.Core.Hours;

/// <summary>
/// Whether <see cref="BusinessHours"/> are open at an instant and when they next open, in a time zone.
/// Hours are wall-clock times: an interval that starts inside the hour the clocks skip opens at the jump;
/// one that starts in the hour that happens twice opens the first time.
/// </summary>
public static class BusinessSchedule
{
    /// <summary>How far ahead <see cref="NextOpening"/> looks (a year and a bit: every dated exception fits).</summary>
    private const int SearchDays = 400;

    public static bool IsOpen(BusinessHours hours, DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return IntervalsOn(hours, DateOnly.FromDateTime(local.DateTime)).Any(i => i.Contains(local.TimeOfDay));
    }

    /// <summary>The first instant at or after <paramref name="instant"/> when the hours are open; null when
    /// they never open within the next 400 days.</summary>
    public static DateTimeOffset? NextOpening(BusinessHours hours, DateTimeOffset instant, TimeZoneInfo zone)
    {
        if (IsOpen(hours, instant, zone))
        {
            return instant;
        }
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
        for (var day = 0; day <= SearchDays; day++)
        {
            var date = today.AddDays(day);
            foreach (var interval in IntervalsOn(hours, date).OrderBy(i => i.Opens))
            {
                var opens = ToInstant(date.ToDateTime(TimeOnly.MinValue) + interval.Opens, zone);
                if (opens > instant)
                {
                    return opens;
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

    /// <summary>The instant of a local wall-clock time: inside a skipped hour, the jump; in an hour that
    /// happens twice, its first occurrence.</summary>
    private static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(local))
        {
            return new DateTimeOffset(local, zone.GetAmbiguousTimeOffsets(local).Max());
        }
        // Skipped times: move forward a minute at a time to the first that exists (gaps are at most hours).
        var guard = 0;
        while (zone.IsInvalidTime(local) && guard++ < 24 * 60)
        {
            local = local.AddMinutes(1);
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
