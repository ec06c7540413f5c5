using System.Text.RegularExpressions;

namespace Routing.History.Feed;

/// <summary>
/// Which event types a reader wants: each pattern is a type (<c>routing.interaction.answered</c>) or a prefix ending in
/// <c>.*</c> (<c>routing.agent.*</c>). No pattern lets every type through.
/// </summary>
public sealed partial record FeedTypeFilter
{
    /// <summary>Most patterns one filter may hold.</summary>
    public const int MaxPatterns = 20;

    public static readonly FeedTypeFilter All = new([]);

    private FeedTypeFilter(IReadOnlyList<string> patterns) => Patterns = patterns;

    public IReadOnlyList<string> Patterns { get; }

    /// <summary>Exact types.</summary>
    public IEnumerable<string> Types => Patterns.Where(pattern => !pattern.EndsWith(".*", StringComparison.Ordinal));

    /// <summary>Prefixes (the part before the <c>*</c>, its dot kept).</summary>
    public IEnumerable<string> Prefixes => Patterns.Where(pattern => pattern.EndsWith(".*", StringComparison.Ordinal)).Select(pattern => pattern[..^1]);

    public bool IsEmpty => Patterns.Count == 0;

    /// <summary>True when the filter lets <paramref name="type"/> through.</summary>
    public bool Matches(string type) =>
        IsEmpty || Types.Contains(type, StringComparer.Ordinal) || Prefixes.Any(prefix => type.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>A filter of <paramref name="patterns"/>, or the reason they are not one.</summary>
    public static bool TryCreate(IEnumerable<string> patterns, out FeedTypeFilter filter, out string? problem)
    {
        var list = patterns.Distinct(StringComparer.Ordinal).ToList();
        filter = All;
        problem = list.Count > MaxPatterns ? $"at most {MaxPatterns} type patterns"
            : list.FirstOrDefault(pattern => !PatternShape().IsMatch(pattern)) is { } bad
                ? $"type pattern '{bad}' is not a type (lower-case words joined by dots, e.g. routing.interaction.answered) or a prefix ending in .* (e.g. routing.agent.*)"
                : null;
        if (problem is null)
        {
            filter = new FeedTypeFilter(list);
        }
        return problem is null;
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_-]{0,40}(\.[a-z][a-z0-9_-]{0,40}){0,6}(\.\*)?$")]
    private static partial Regex PatternShape();
}
