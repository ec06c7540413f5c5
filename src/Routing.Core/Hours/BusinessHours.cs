namespace Routing.Core.Hours;

/// <summary>
/// When a queue is open, in the tenant's time zone: weekly hours per day of the week and dated
/// exceptions (a holiday closed all day, or special hours) that replace the weekly hours of their date.
/// A day with no entry is closed.
/// </summary>
[GenerateSerializer, Immutable, Alias("routing.business-hours")]
public sealed record BusinessHours
{
    /// <summary>The usual week; a day may appear once, with one or more intervals.</summary>
    [Id(0)] public WeeklyHours[] Weekly { get; init; } = [];

    /// <summary>Dates whose hours differ from the usual week (holidays, special openings).</summary>
    [Id(1)] public DatedHours[] Exceptions { get; init; } = [];

    public const int MaxIntervalsPerDay = 10;
    public const int MaxExceptions = 1_000;
}

/// <summary>The usual hours of one day of the week, e.g. Monday <c>["08:00-12:00", "13:00-18:00"]</c>.</summary>
[GenerateSerializer, Immutable, Alias("routing.weekly-hours")]
public sealed record WeeklyHours
{
    [Id(0)] public required DayOfWeek Day { get; init; }
    /// <summary>Open intervals, <c>"HH:mm-HH:mm"</c> local time.</summary>
    [Id(1)] public string[] Open { get; init; } = [];
}

/// <summary>The hours of one date instead of its weekly hours: no intervals means closed all day.</summary>
[GenerateSerializer, Immutable, Alias("routing.dated-hours")]
public sealed record DatedHours
{
    [Id(0)] public required DateOnly Date { get; init; }
    /// <summary>Open intervals, <c>"HH:mm-HH:mm"</c> local time; empty: closed all day.</summary>
    [Id(1)] public string[] Open { get; init; } = [];
    /// <summary>What the date is, e.g. "Christmas Day"; for people only.</summary>
    [Id(2)] public string? Name { get; init; }
}
