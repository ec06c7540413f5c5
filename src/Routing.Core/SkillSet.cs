namespace Routing.Core;

/// <summary>
/// An agent's skills with proficiency levels (<see cref="MinLevel"/>–<see cref="MaxLevel"/>).
/// Languages are skills too (e.g. <c>lang.fr</c>). Skill names compare case-insensitively.
/// </summary>
[GenerateSerializer, Immutable, Alias("routing.skill-set")]
public sealed class SkillSet
{
    public const int MinLevel = 1;
    public const int MaxLevel = 5;

    public static readonly SkillSet Empty = new([]);

    public SkillSet(IEnumerable<SkillLevel> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        Levels = [.. levels
            .GroupBy(l => l.Skill, StringComparer.OrdinalIgnoreCase)
            .Select(g => new SkillLevel(g.Key.ToLowerInvariant(), g.Max(l => l.Level)))
            .OrderBy(l => l.Skill, StringComparer.Ordinal)];
    }

    /// <summary>Skills sorted by name, one entry per skill (the highest level if given twice).</summary>
    [Id(0)]
    public SkillLevel[] Levels { get; }

    /// <summary>The agent's level in <paramref name="skill"/>, or 0 when it lacks the skill.</summary>
    public int LevelOf(string skill)
    {
        foreach (var level in Levels)
        {
            if (string.Equals(level.Skill, skill, StringComparison.OrdinalIgnoreCase))
            {
                return level.Level;
            }
        }
        return 0;
    }

    /// <summary>True when every requirement is met at or above its minimum level.</summary>
    public bool Satisfies(IReadOnlyList<SkillRequirement> requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        for (var i = 0; i < requirements.Count; i++)
        {
            if (LevelOf(requirements[i].Skill) < requirements[i].MinimumLevel)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// How well the agent matches: the sum of its levels in the required skills. Used by the
    /// most-skilled strategy; an agent with no requirement to match scores 0.
    /// </summary>
    public int MatchScore(IReadOnlyList<SkillRequirement> requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        var score = 0;
        for (var i = 0; i < requirements.Count; i++)
        {
            score += LevelOf(requirements[i].Skill);
        }
        return score;
    }

    public override string ToString() => string.Join(",", Levels.Select(l => $"{l.Skill}:{l.Level}"));
}
