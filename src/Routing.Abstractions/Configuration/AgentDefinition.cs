using Routing.Core;

namespace Routing.Abstractions.Configuration;

/// <summary>An agent: skills, the queues they serve and their capacity per channel.</summary>
[GenerateSerializer, Immutable, Alias("routing.agent-definition")]
public sealed record AgentDefinition
{
    [Id(0)] public required string AgentId { get; init; }
    /// <summary>Display name.</summary>
    [Id(1)] public string? Name { get; init; }
    /// <summary>Skills with proficiency levels 1–5; languages are skills (e.g. <c>lang.fr</c>).</summary>
    [Id(2)] public SkillLevel[] Skills { get; init; } = [];
    /// <summary>The queues the agent serves. When null, every queue whose required skills the agent meets.</summary>
    [Id(3)] public string[]? Queues { get; init; }
    /// <summary>How many interactions at once, per channel.</summary>
    [Id(4)] public ChannelCounts Capacity { get; init; } = ChannelCounts.DefaultCapacity;
    /// <summary>Where media for this agent goes, e.g. a SIP URI (used by gateways).</summary>
    [Id(5)] public string? Endpoint { get; init; }
    /// <summary>The agent's own after-call work time, used instead of the queue's for its interactions; null: the queue's.</summary>
    [Id(6)] public TimeSpan? WrapUpTime { get; init; }

    public const int MaxCapacityPerChannel = 50;
    public const int MaxEndpointLength = 256;

    public IEnumerable<string> Problems()
    {
        if (EntityId.Problem("agent", AgentId) is { } idProblem)
        {
            yield return idProblem;
        }
        if (TextLimits.Problem($"agent '{EntityId.Shown(AgentId)}': name", Name, TextLimits.MaxNameLength) is { } nameProblem)
        {
            yield return nameProblem;
        }
        foreach (var problem in QueueListProblems())
        {
            yield return problem;
        }
        foreach (var problem in SkillRules.Problems($"agent '{EntityId.Shown(AgentId)}'", Skills))
        {
            yield return problem;
        }
        if (Capacity is null)
        {
            yield return $"agent '{EntityId.Shown(AgentId)}': capacity is missing";
        }
        else if (Enum.GetValues<Channel>().Any(c => Capacity[c] is < 0 or > MaxCapacityPerChannel))
        {
            yield return $"agent '{EntityId.Shown(AgentId)}': capacity per channel must be between 0 and {MaxCapacityPerChannel}";
        }
        if (TextLimits.Problem($"agent '{EntityId.Shown(AgentId)}': endpoint", Endpoint, MaxEndpointLength) is { } endpointProblem)
        {
            yield return endpointProblem;
        }
        if (WrapUpTime is { } wrapUp && (wrapUp < TimeSpan.Zero || wrapUp > QueueDefinition.MaxTimer))
        {
            yield return $"agent '{EntityId.Shown(AgentId)}': wrap-up time must be between 0 and 24 hours";
        }
    }

    private IEnumerable<string> QueueListProblems()
    {
        if (Queues is null)
        {
            yield break;
        }
        if (Queues.Length > TenantConfiguration.MaxQueues)
        {
            yield return $"agent '{EntityId.Shown(AgentId)}': serves at most {TenantConfiguration.MaxQueues} queues";
        }
        foreach (var queueId in Queues)
        {
            if (EntityId.Problem("queue", queueId) is { } problem)
            {
                yield return $"agent '{EntityId.Shown(AgentId)}': {problem}";
            }
        }
    }
}
