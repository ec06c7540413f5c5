using System.Globalization;

namespace Routing.Core.Hours;

/// <summary>
/// Local opening hours within one day, written <c>"08:00-17:30"</c>: open from <see cref="Opens"/>
/// (inclusive) to <see cref="Closes"/> (exclusive); <c>"24:00"</c> as the end means until midnight.
/// Wall-clock times: on the day the clocks change, "08:00" is still eight o'clock local time.
/// </summary>
public readonly record struct OpenInterval(TimeSpan Opens, TimeSpan Closes)
{
    private static readonly TimeSpan EndOfDay = TimeSpan.FromHours(24);

    public bool Contains(TimeSpan timeOfDay) => timeOfDay >= Opens && timeOfDay < Closes;

    /// <summary>Reads <c>"HH:mm-HH:mm"</c>; false unless it opens before it closes within one day.</summary>
    public static bool TryParse(string? text, out OpenInterval interval)
    {
        interval = default;
        var parts = text?.Split('-') ?? [];
        if (parts.Length != 2 || !TryParseTime(parts[0].Trim(), out var opens) || !TryParseTime(parts[1].Trim(), out var closes)
            || opens >= EndOfDay || closes <= opens)
        {
            return false;
        }
        interval = new OpenInterval(opens, closes);
        return true;
    }

    public override string ToString() => $"{Format(Opens)}-{Format(Closes)}";

    private static bool TryParseTime(string text, out TimeSpan time)
    {
        if (text == "24:00")
        {
            time = EndOfDay;
            return true;
        }
        return TimeSpan.TryParseExact(text, @"hh\:mm", CultureInfo.InvariantCulture, out time) && time < EndOfDay;
    }

    private static string Format(TimeSpan time) => time == EndOfDay ? "24:00" : time.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
