namespace Routing.Core;

/// <summary>
/// One step of a queue's time-based widening: once an interaction has waited <see cref="After"/>, agents
/// with less skill (or other skills) become eligible for it. Steps add up: a later step starts from
/// what the earlier ones left. The interaction keeps its place in line (its score does not change).
/// </summary>
[GenerateSerializer, Immutable, Alias("routing.escalation-step")]
public sealed record EscalationStep
{
    /// <summary>Waiting time (since the interaction's arrival in the line) at which this step applies.</summary>
    [Id(0)] public required TimeSpan After { get; init; }
    /// <summary>Lower minimum levels for named skills (a level higher than the one in force changes nothing;
    /// a skill not required changes nothing).</summary>
    [Id(1)] public SkillRequirement[] Relax { get; init; } = [];
    /// <summary>Skills no longer required at all (e.g. an optional language).</summary>
    [Id(2)] public string[] Drop { get; init; } = [];
    /// <summary>A further agent group: agents meeting every one of these skills qualify too, instead of the
    /// queue's own skills (the interaction's own requirements, as relaxed, still apply to them).
    /// Empty: no further group at this step.</summary>
    [Id(3)] public SkillRequirement[] AlsoEligible { get; init; } = [];
}
