using Google.Protobuf.WellKnownTypes;

namespace Routing.Server.Edge.Mapping;

/// <summary>
/// Reads the protobuf <see cref="Timestamp"/> and <see cref="Duration"/> values of requests. Their conversions
/// throw on values outside the well-known types' ranges (seconds = int64.max, negative nanos); a request carrying
/// one is refused here with InvalidArgument naming the field, as any other bad input.
/// </summary>
public static class ProtoTime
{
    /// <summary>0001-01-01T00:00:00Z, the first instant a Timestamp may hold.</summary>
    public const long MinTimestampSeconds = -62_135_596_800L;

    /// <summary>9999-12-31T23:59:59Z, the last whole second a Timestamp may hold.</summary>
    public const long MaxTimestampSeconds = 253_402_300_799L;

    /// <summary>About 10,000 years either way, the range of a Duration.</summary>
    public const long MaxDurationSeconds = 315_576_000_000L;

    private const int NanosPerSecond = 1_000_000_000;

    /// <summary>The instant <paramref name="at"/> stands for (null for null); InvalidArgument when it is out of range.</summary>
    public static DateTimeOffset? ToInstant(Timestamp? at, string field)
    {
        if (at is null)
        {
            return null;
        }
        if (!IsValid(at))
        {
            throw EdgeRequests.InvalidArgument(
                $"{field} is not a valid timestamp (seconds={at.Seconds}, nanos={at.Nanos}): seconds must be within {MinTimestampSeconds}–{MaxTimestampSeconds} (years 1–9999) and nanos within 0–999999999");
        }
        return at.ToDateTimeOffset();
    }

    /// <summary>The span <paramref name="duration"/> stands for (null for null); InvalidArgument when it is out of range.</summary>
    public static TimeSpan? ToSpan(Duration? duration, string field)
    {
        if (duration is null)
        {
            return null;
        }
        if (!IsValid(duration))
        {
            throw EdgeRequests.InvalidArgument(
                $"{field} is not a valid duration (seconds={duration.Seconds}, nanos={duration.Nanos}): seconds must be within ±{MaxDurationSeconds}, nanos within ±999999999 and of the same sign");
        }
        return duration.ToTimeSpan();
    }

    public static bool IsValid(Timestamp at) =>
        at.Seconds is >= MinTimestampSeconds and <= MaxTimestampSeconds && at.Nanos is >= 0 and < NanosPerSecond;

    public static bool IsValid(Duration duration) =>
        duration.Seconds is >= -MaxDurationSeconds and <= MaxDurationSeconds
        && duration.Nanos is > -NanosPerSecond and < NanosPerSecond
        && (duration.Seconds == 0 || duration.Nanos == 0 || (duration.Seconds < 0) == (duration.Nanos < 0));
}
