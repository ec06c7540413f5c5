using Routing.Core;

namespace Routing.Abstractions.Configuration;

/// <summary>Checks shared by every place that accepts skills.</summary>
public static class SkillRules
{
    public const int MaxSkillsPerItem = 32;

    public static IEnumerable<string> Problems(string owner, IReadOnlyCollection<SkillRequirement>? requirements) =>
        Problems(owner, requirements?.Select(r => (r?.Skill, r?.MinimumLevel ?? 0)).ToList(), "minimum level");

    public static IEnumerable<string> Problems(string owner, IReadOnlyCollection<SkillLevel>? levels) =>
        Problems(owner, levels?.Select(l => (l?.Skill, l?.Level ?? 0)).ToList(), "level");

    private static IEnumerable<string> Problems(string owner, List<(string? Skill, int Level)>? skills, string levelName)
    {
        if (skills is null)
        {
            yield return $"{owner}: skill list is missing";
            yield break;
        }
        if (skills.Count > MaxSkillsPerItem)
        {
            yield return $"{owner}: at most {MaxSkillsPerItem} skills";
        }
        foreach (var (skill, level) in skills)
        {
            if (EntityId.Problem("skill", skill) is { } problem)
            {
                yield return $"{owner}: {problem}";
            }
            else if (level is < SkillSet.MinLevel or > SkillSet.MaxLevel)
            {
                yield return $"{owner}: skill '{skill}' {levelName} {level} is outside {SkillSet.MinLevel}–{SkillSet.MaxLevel}";
            }
        }
    }
}
