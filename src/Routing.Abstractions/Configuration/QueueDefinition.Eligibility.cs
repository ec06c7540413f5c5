using Routing.Core;

namespace Routing.Abstractions.Configuration;

/// <summary>Checks of the escalation, preferred-agent and wrap-up-extension settings.</summary>
public sealed partial record QueueDefinition
{
    public const int MaxEscalationSteps = 10;

    private IEnumerable<string> EligibilityProblems()
    {
        var owner = $"queue '{EntityId.Shown(QueueId)}'";
        if (Escalation is null)
        {
            yield return $"{owner}: escalation must be a list (empty is fine)";
            yield break;
        }
        if (Escalation.Length > MaxEscalationSteps)
        {
            yield return $"{owner}: at most {MaxEscalationSteps} escalation steps";
        }
        var previous = TimeSpan.Zero;
        for (var i = 0; i < Escalation.Length; i++)
        {
            var step = Escalation[i];
            var name = $"{owner}: escalation step {i + 1}";
            if (step is null)
            {
                yield return $"{name} is missing";
                continue;
            }
            if (step.After <= previous || step.After > MaxTimer)
            {
                yield return $"{name}: 'after' must be more than the previous step's ({previous}) and at most 24 hours";
            }
            previous = step.After > previous ? step.After : previous;
            foreach (var problem in SkillRules.Problems($"{name} relax", step.Relax)
                .Concat(SkillRules.Problems($"{name} also-eligible", step.AlsoEligible)))
            {
                yield return problem;
            }
            if (step.Drop is null)
            {
                yield return $"{name}: drop must be a list";
                continue;
            }
            foreach (var skill in step.Drop)
            {
                if (EntityId.Problem("skill", skill) is { } problem)
                {
                    yield return $"{name} drop: {problem}";
                }
            }
            if (step.Relax is { Length: 0 } && step.Drop.Length == 0 && step.AlsoEligible is { Length: 0 })
            {
                yield return $"{name} changes nothing: give it skills to relax or drop, or an also-eligible group";
            }
        }
        if (PreferredAgentWait < TimeSpan.Zero || PreferredAgentWait > TimeSpan.FromHours(1))
        {
            yield return $"{owner}: preferred-agent wait must be between 0 and 1 hour";
        }
        if (PreferredAgentWindow < TimeSpan.Zero || PreferredAgentWindow > TimeSpan.FromDays(90))
        {
            yield return $"{owner}: preferred-agent window must be between 0 and 90 days";
        }
        if (MaxWrapUpExtension < TimeSpan.Zero || MaxWrapUpExtension > MaxTimer)
        {
            yield return $"{owner}: max wrap-up extension must be between 0 and 24 hours";
        }
    }

    /// <summary>The eligibility stages of an interaction with <paramref name="interactionSkills"/> in this queue;
    /// empty when the queue has no escalation steps (its merged requirements apply throughout).</summary>
    public EligibilityStage[] EscalationStages(IReadOnlyList<SkillRequirement> interactionSkills) =>
        Escalation.Length == 0 ? [] : SkillEscalation.Stages(RequiredSkills, interactionSkills, Escalation);
}
