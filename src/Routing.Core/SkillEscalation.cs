namespace Routing.Core;

/// <summary>
/// The requirement in force over an interaction's wait: a queue's escalation steps applied, in order, to
/// the queue's skills and the interaction's own. Pure, so both routing directions (the queue's push and
/// the agent's pull) judge eligibility the same way.
/// </summary>
public static class SkillEscalation
{
    /// <summary>
    /// The stages of an interaction's wait: the first (from 0) is the queue's and the interaction's
    /// skills merged; each step gives a further stage from its <see cref="EscalationStep.After"/>.
    /// Steps are taken in order of time. A further group of a step holds its own skills plus the
    /// interaction's own requirements as relaxed at that step, and stays in later stages.
    /// </summary>
    public static EligibilityStage[] Stages(
        IReadOnlyList<SkillRequirement> queueSkills,
        IReadOnlyList<SkillRequirement> interactionSkills,
        IReadOnlyList<EscalationStep> steps)
    {
        ArgumentNullException.ThrowIfNull(queueSkills);
        ArgumentNullException.ThrowIfNull(interactionSkills);
        ArgumentNullException.ThrowIfNull(steps);
        var all = Merge(queueSkills.Concat(interactionSkills));
        var own = Merge(interactionSkills);
        var stages = new List<EligibilityStage> { new() { From = TimeSpan.Zero, Requirements = all } };
        var groups = new List<SkillGroup>();
        foreach (var step in steps.OrderBy(s => s.After))
        {
            all = Apply(all, step);
            own = Apply(own, step);
            groups = [.. groups.Select(g => new SkillGroup(Apply(g.Requirements, step)))];
            if (step.AlsoEligible.Length > 0)
            {
                groups.Add(new SkillGroup(Merge(step.AlsoEligible.Concat(own))));
            }
            stages.Add(new EligibilityStage { From = step.After, Requirements = all, Groups = [.. groups] });
        }
        return [.. stages];
    }

    /// <summary>The stage in force after waiting <paramref name="waited"/> (the last one started).</summary>
    public static EligibilityStage InForce(IReadOnlyList<EligibilityStage> stages, TimeSpan waited)
    {
        ArgumentNullException.ThrowIfNull(stages);
        if (stages.Count == 0)
        {
            throw new ArgumentException("at least one stage is needed", nameof(stages));
        }
        var current = stages[0];
        for (var i = 1; i < stages.Count && stages[i].From <= waited; i++)
        {
            current = stages[i];
        }
        return current;
    }

    /// <summary>The waiting time at which the next stage starts, or null when the last is in force.</summary>
    public static TimeSpan? NextBoundary(IReadOnlyList<EligibilityStage> stages, TimeSpan waited)
    {
        ArgumentNullException.ThrowIfNull(stages);
        foreach (var stage in stages)
        {
            if (stage.From > waited)
            {
                return stage.From;
            }
        }
        return null;
    }

    /// <summary>Whether an agent with <paramref name="skills"/> qualifies at any stage (it should then be
    /// known to the queue: a member).</summary>
    public static bool EverAdmits(IReadOnlyList<EligibilityStage> stages, SkillSet skills) =>
        stages.Any(s => s.Admits(skills));

    private static SkillRequirement[] Apply(SkillRequirement[] requirements, EscalationStep step) =>
        [.. requirements
            .Where(r => !step.Drop.Contains(r.Skill, StringComparer.OrdinalIgnoreCase))
            .Select(r => step.Relax.FirstOrDefault(x => string.Equals(x.Skill, r.Skill, StringComparison.OrdinalIgnoreCase)) is { } relax
                ? r with { MinimumLevel = Math.Min(r.MinimumLevel, relax.MinimumLevel) }
                : r)];

    /// <summary>One requirement per skill (case-insensitive), the highest minimum when named twice.</summary>
    public static SkillRequirement[] Merge(IEnumerable<SkillRequirement> requirements) =>
        [.. requirements
            .GroupBy(r => r.Skill, StringComparer.OrdinalIgnoreCase)
            .Select(g => new SkillRequirement(g.Key, g.Max(r => r.MinimumLevel)))];
}
