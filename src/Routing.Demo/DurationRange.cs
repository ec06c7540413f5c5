namespace Routing.Demo;

/// <summary>A range of durations a simulated person picks from uniformly, e.g. <c>{ "min": "00:00:03",
/// "max": "00:00:12" }</c> in configuration.</summary>
public sealed class DurationRange
{
    public DurationRange()
    {
    }

    public DurationRange(TimeSpan min, TimeSpan max)
    {
        Min = min;
        Max = max;
    }

    /// <summary>Always <paramref name="duration"/>.</summary>
    public static DurationRange Exactly(TimeSpan duration) => new(duration, duration);

    /// <summary>The shortest duration (inclusive).</summary>
    public TimeSpan Min { get; set; }

    /// <summary>The longest duration (inclusive); not less than <see cref="Min"/>.</summary>
    public TimeSpan Max { get; set; }

    public TimeSpan Pick(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Min + (Max - Min) * random.NextDouble();
    }

    /// <summary>A sentence saying what is wrong with the range, or null when it is usable.</summary>
    public string? Problem(string name) =>
        Min < TimeSpan.Zero ? $"{name}: min must not be negative"
        : Max < Min ? $"{name}: max ({Max}) is less than min ({Min})"
        : Max > TimeSpan.FromHours(1) ? $"{name}: max must be at most one hour"
        : null;

    public override string ToString() => $"{Min}–{Max}";
}
