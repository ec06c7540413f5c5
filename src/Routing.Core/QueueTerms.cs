using Routing.Core.Hours;

namespace Routing.Core;

/// <summary>What a queue's configuration says about its line and who may join it: how work is ranked and
/// whom it waits for, and the admission rules (size limit, business hours, agents logged in).</summary>
public sealed record QueueTerms
{
    public required string QueueId { get; init; }
    /// <summary>Skills every interaction in the queue needs (interactions may add their own).</summary>
    public SkillRequirement[] RequiredSkills { get; init; } = [];
    /// <summary>Extra wait one point of priority is worth.</summary>
    public TimeSpan PriorityWeight { get; init; }
    /// <summary>Work transferred in keeps its arrival (its place by score); false: it arrives anew.</summary>
    public bool TransferKeepsArrivalTime { get; init; } = true;
    public EscalationStep[] Escalation { get; init; } = [];
    /// <summary>How long a returning customer's work waits for the agent who last served it; zero: not at all.</summary>
    public TimeSpan PreferredAgentWait { get; init; }
    /// <summary>How recent that service must be for the agent to be preferred.</summary>
    public TimeSpan PreferredAgentWindow { get; init; }
    /// <summary>At most this many waiting or ringing; null: no limit.</summary>
    public int? MaxWaiting { get; init; }
    /// <summary>When the queue takes new work; null: always open.</summary>
    public BusinessHours? Hours { get; init; }
    /// <summary>The tenant's time zone, in which <see cref="Hours"/> are read.</summary>
    public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.Utc;
    /// <summary>New work outside <see cref="Hours"/> overflows at once; false: it is refused.</summary>
    public bool OverflowWhenClosed { get; init; }
    /// <summary>New work waits even when no member who could take it is logged in (the rule is off).</summary>
    public bool WaitWithoutAgents { get; init; } = true;
    /// <summary>With the rule on, new work no logged-in member could take overflows at once; false: it is refused.</summary>
    public bool OverflowWithoutAgents { get; init; }

    /// <summary>The queue's skills and an interaction's own, merged.</summary>
    public SkillRequirement[] RequirementsWith(IEnumerable<SkillRequirement> interactionSkills) =>
        SkillEscalation.Merge(RequiredSkills.Concat(interactionSkills));
}
