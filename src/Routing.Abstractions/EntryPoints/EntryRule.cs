using Routing.Abstractions.Configuration;
using Routing.Abstractions.Interactions;
using Routing.Core;

namespace Routing.Abstractions.EntryPoints;

/// <summary>
/// One rule of an entry point: when every condition holds (no condition: always), the contact goes where the rule
/// says instead of the entry point's defaults; what the rule leaves out keeps the default. E.g. a key-account customer
/// (<c>attributes.tier</c> one of <c>key-account</c>) waits first for the agent named in <c>attributes.accountManager</c>
/// in the key-account queue, whose escalation steps then bring in the key-account group and the head of sales.
/// </summary>
[GenerateSerializer, Immutable, Alias("routing.entry-rule")]
public sealed record EntryRule
{
    public const int MaxConditions = 16;

    /// <summary>Names the rule in decisions and in the interaction's attributes.</summary>
    [Id(0)] public required string RuleId { get; init; }

    /// <summary>All must hold.</summary>
    [Id(1)] public EntryCondition[] When { get; init; } = [];

    [Id(2)] public string? QueueId { get; init; }

    [Id(3)] public int? Priority { get; init; }

    /// <summary>Skills added to the entry point's own (a skill named in both takes the rule's level).</summary>
    [Id(4)] public SkillRequirement[] ExtraSkills { get; init; } = [];

    [Id(5)] public string? PreferredAgentId { get; init; }

    /// <summary>The attribute whose value names the preferred agent (e.g. <c>accountManager</c>), used when it holds a
    /// valid agent id; it comes before <see cref="PreferredAgentId"/>.</summary>
    [Id(6)] public string? PreferredAgentAttribute { get; init; }

    public bool Matches(EntryCall call)
    {
        foreach (var condition in When)
        {
            if (!condition.Holds(call))
            {
                return false;
            }
        }
        return true;
    }

    public IEnumerable<string> Problems(string entryPoint)
    {
        var owner = $"entry point '{entryPoint}' rule '{EntityId.Shown(RuleId)}'";
        if (EntityId.Problem($"entry point '{entryPoint}': rule", RuleId) is { } idProblem)
        {
            yield return idProblem;
        }
        if (QueueId is not null && EntityId.Problem($"{owner}: queue", QueueId) is { } queueProblem)
        {
            yield return queueProblem;
        }
        if (Priority is < 0 or > InteractionSpec.MaxPriority)
        {
            yield return $"{owner}: priority {Priority} is outside 0–{InteractionSpec.MaxPriority}";
        }
        if (PreferredAgentId is not null && EntityId.Problem($"{owner}: preferred agent", PreferredAgentId) is { } agentProblem)
        {
            yield return agentProblem;
        }
        if (PreferredAgentAttribute is not null && EntityId.Problem($"{owner}: preferred agent attribute", PreferredAgentAttribute) is { } attributeProblem)
        {
            yield return attributeProblem;
        }
        foreach (var problem in SkillRules.Problems(owner, ExtraSkills))
        {
            yield return problem;
        }
        if (When is null || When.Length > MaxConditions)
        {
            yield return $"{owner}: conditions must be a list of at most {MaxConditions}";
            yield break;
        }
        foreach (var problem in When.SelectMany(condition => condition?.Problems(owner) ?? [$"{owner}: a condition is missing"]))
        {
            yield return problem;
        }
    }
}
