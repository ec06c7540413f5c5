using Routing.Abstractions.Configuration;
using Routing.Core;

namespace Routing.Abstractions.Interactions;

/// <summary>What a gateway or connector says about a new contact.</summary>
[GenerateSerializer, Immutable, Alias("routing.interaction-spec")]
public sealed record InteractionSpec
{
    [Id(0)] public required string QueueId { get; init; }
    [Id(1)] public Channel Channel { get; init; } = Channel.Voice;
    /// <summary>0–<see cref="MaxPriority"/>; each point is worth the queue's priority weight of extra wait.</summary>
    [Id(2)] public int Priority { get; init; }
    [Id(3)] public string? CustomerId { get; init; }
    /// <summary>Caller number or address, e.g. an E.164 number.</summary>
    [Id(4)] public string? CustomerNumber { get; init; }
    /// <summary>Skills this interaction needs beyond the queue's, e.g. <c>lang.fr</c> level 3.</summary>
    [Id(5)] public SkillRequirement[] RequiredSkills { get; init; } = [];
    /// <summary>Free attributes passed through to the agent (IVR choices, account tier…).</summary>
    [Id(6)] public Dictionary<string, string> Attributes { get; init; } = [];
    /// <summary>An agent to wait for first (the queue's preferred-agent wait applies) instead of the customer's last
    /// agent; null: the last agent, if any.</summary>
    [Id(7)] public string? PreferredAgentId { get; init; }
    /// <summary>For a callback: when to call the customer back. It joins the line then (a time already
    /// passed means at once); until then it is Scheduled.</summary>
    [Id(8)] public DateTimeOffset? ScheduledFor { get; init; }

    /// <summary>How far ahead a callback may be scheduled.</summary>
    public static readonly TimeSpan MaxScheduleAhead = TimeSpan.FromDays(31);

    public const int MaxPriority = 100;
    public const int MaxAttributes = 32;
    public const int MaxAttributeValueLength = 1024;
    public const int MaxTextLength = 128;

    public IEnumerable<string> Problems()
    {
        if (EntityId.Problem("queue", QueueId) is { } queueProblem)
        {
            yield return queueProblem;
        }
        if (!Enum.IsDefined(Channel))
        {
            yield return $"unknown channel {(int)Channel}";
        }
        if (ScheduledFor is not null && Channel != Channel.Callback)
        {
            yield return $"only a callback can be scheduled (channel is {Channel})";
        }
        if (Priority is < 0 or > MaxPriority)
        {
            yield return $"priority {Priority} is outside 0–{MaxPriority}";
        }
        if (CustomerId is { Length: > MaxTextLength } || CustomerNumber is { Length: > MaxTextLength })
        {
            yield return $"customer id and number are at most {MaxTextLength} characters";
        }
        if (PreferredAgentId is not null && EntityId.Problem("preferred agent", PreferredAgentId) is { } agentProblem)
        {
            yield return agentProblem;
        }
        foreach (var problem in SkillRules.Problems("interaction", RequiredSkills))
        {
            yield return problem;
        }
        if (Attributes is null)
        {
            yield return "attributes are missing";
            yield break;
        }
        if (Attributes.Count > MaxAttributes)
        {
            yield return $"at most {MaxAttributes} attributes";
        }
        foreach (var (key, value) in Attributes)
        {
            if (EntityId.Problem("attribute", key) is { } keyProblem)
            {
                yield return keyProblem;
            }
            if (value is null || value.Length > MaxAttributeValueLength)
            {
                yield return $"attribute '{key}' value must be present and at most {MaxAttributeValueLength} characters";
            }
        }
    }
}
