namespace Routing.Core;

/// <summary>
/// The skills that qualify an agent for an interaction from a given waiting time on: every
/// <see cref="Requirements"/>, or every skill of one of the <see cref="Groups"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("routing.eligibility-stage")]
public sealed record EligibilityStage
{
    /// <summary>Waiting time from which this stage is in force.</summary>
    [Id(0)] public required TimeSpan From { get; init; }
    [Id(1)] public required SkillRequirement[] Requirements { get; init; }
    /// <summary>Further agent groups that qualify instead (each a full list of skills to meet).</summary>
    [Id(2)] public SkillGroup[] Groups { get; init; } = [];

    /// <summary>Whether an agent with <paramref name="skills"/> qualifies at this stage.</summary>
    public bool Admits(SkillSet skills)
    {
        ArgumentNullException.ThrowIfNull(skills);
        if (skills.Satisfies(Requirements))
        {
            return true;
        }
        foreach (var group in Groups)
        {
            if (skills.Satisfies(group.Requirements))
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>One further agent group of an <see cref="EligibilityStage"/>: the skills its agents meet.</summary>
[GenerateSerializer, Immutable, Alias("routing.skill-group")]
public sealed record SkillGroup([property: Id(0)] SkillRequirement[] Requirements);
