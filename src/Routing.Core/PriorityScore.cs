namespace Routing.Core;

/// <summary>
/// Scoring of waiting interactions: score = seconds waited + priority × the queue's priority weight.
/// Priority is extra wait, so high priority jumps ahead but old work is never starved.
/// </summary>
public static class PriorityScore
{
    /// <summary>The score at <paramref name="now"/>. A arrival in the future (clock skew between
    /// machines) counts as zero wait, never as negative wait.</summary>
    public static double Score(DateTimeOffset arrival, int priority, TimeSpan priorityWeight, DateTimeOffset now)
    {
        var waited = Math.Max(0, (now - arrival).TotalSeconds);
        return waited + priority * priorityWeight.TotalSeconds;
    }

    /// <summary>
    /// The fixed key that orders a line by score: all waiting interactions share the same "now", so
    /// the highest score is the smallest <c>arrival − priority × weight</c>. The key never changes
    /// while the interaction waits, so the line needs no re-sorting as time passes.
    /// </summary>
    public static DateTimeOffset EffectiveArrival(DateTimeOffset arrival, int priority, TimeSpan priorityWeight)
    {
        // Int128: priority × weight can exceed TimeSpan's range, and must clamp rather than wrap.
        var ticks = (Int128)arrival.UtcTicks - ((Int128)priorityWeight.Ticks * priority);
        ticks = Int128.Clamp(ticks, DateTimeOffset.MinValue.UtcTicks, DateTimeOffset.MaxValue.UtcTicks);
        return new DateTimeOffset((long)ticks, TimeSpan.Zero);
    }

    /// <summary>
    /// Guards the line against clock skew: an arrival stamped later than the receiving queue's own
    /// clock is treated as arriving now, so a fast clock elsewhere cannot push work behind the line.
    /// </summary>
    public static DateTimeOffset ClampArrival(DateTimeOffset arrival, DateTimeOffset now) => arrival > now ? now : arrival;
}
