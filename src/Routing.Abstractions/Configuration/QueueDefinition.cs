using Routing.Core;
using Routing.Core.Hours;

namespace Routing.Abstractions.Configuration;

/// <summary>A queue: what work in it needs, how agents are chosen, and its timers.</summary>
[GenerateSerializer, Immutable, Alias("routing.queue-definition")]
public sealed partial record QueueDefinition
{
    [Id(0)] public required string QueueId { get; init; }
    /// <summary>Display name.</summary>
    [Id(1)] public string? Name { get; init; }
    /// <summary>Skills every interaction in this queue needs (interactions may add their own, e.g. a language).</summary>
    [Id(2)] public SkillRequirement[] RequiredSkills { get; init; } = [];
    [Id(3)] public SelectionStrategy Strategy { get; init; } = SelectionStrategy.LongestIdle;
    /// <summary>Seconds of extra wait one point of priority is worth.</summary>
    [Id(4)] public TimeSpan PriorityWeight { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>How long an offer rings before it times out (ring-no-answer).</summary>
    [Id(5)] public TimeSpan OfferTimeout { get; init; } = TimeSpan.FromSeconds(15);
    /// <summary>After a reject or timeout, the same agent is not offered that interaction again for this long.</summary>
    [Id(6)] public TimeSpan ReofferDelay { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>After-call work time; the agent may finish earlier.</summary>
    [Id(7)] public TimeSpan WrapUpTime { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Answered within this wait counts towards the service level (the "20 s" of "80 % in 20 s").</summary>
    [Id(8)] public TimeSpan ServiceLevelThreshold { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>The share of contacts to answer within <see cref="ServiceLevelThreshold"/> (the "80 %"), 0–1.</summary>
    [Id(9)] public double ServiceLevelTarget { get; init; } = 0.8;
    /// <summary>Abandons quicker than this are left out of the service level and abandon rate.</summary>
    [Id(10)] public TimeSpan ShortAbandonThreshold { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Work transferred into this queue keeps its original arrival time, and so its place by score
    /// (true, the default); false: it arrives anew, behind the work already waiting.</summary>
    [Id(11)] public bool TransferKeepsArrivalTime { get; init; } = true;
    /// <summary>The client company this queue serves, for outsourcers (an id); null: none. Stored with each
    /// interaction so that reports can be grouped by client.</summary>
    [Id(12)] public string? Client { get; init; }

    // Eligibility and wrap-up: ids 30–39 are this block's (QueueDefinition.Eligibility.cs checks them).
    /// <summary>Time-based widening: after each step's wait, agents with less (or other) skill become eligible.
    /// Agents a step brings in must serve the queue (agents without a queue list do when any step admits them).</summary>
    [Id(30)] public EscalationStep[] Escalation { get; init; } = [];
    /// <summary>How long a repeat customer's interaction waits for the agent who last served them (in any
    /// queue of the tenant) before anyone else is eligible; zero (the default) turns the preference off.</summary>
    [Id(31)] public TimeSpan PreferredAgentWait { get; init; } = TimeSpan.Zero;
    /// <summary>How recent the last service must be for that agent to be preferred.</summary>
    [Id(32)] public TimeSpan PreferredAgentWindow { get; init; } = TimeSpan.FromHours(24);
    /// <summary>How much more wrap-up time, in all, an agent may ask for on one interaction of this queue.</summary>
    [Id(33)] public TimeSpan MaxWrapUpExtension { get; init; } = TimeSpan.FromSeconds(60);

    // ── Queue behaviour: max wait, max size, no agents, business hours. Ids 40–49. ──

    /// <summary>How long an interaction waits in this queue before <see cref="Overflow"/> applies; null: no limit.
    /// The clock starts when it enters this queue (a moved or overflowed interaction starts it again here).</summary>
    [Id(40)] public TimeSpan? MaxWait { get; init; }
    /// <summary>What overflowing does: move to another queue, or end as Overflowed (voicemail, callback, disconnect).
    /// Needed when <see cref="MaxWait"/> is set or a policy below says Overflow.</summary>
    [Id(41)] public OverflowAction? Overflow { get; init; }
    /// <summary>At most this many interactions wait (or ring) here; a new one beyond it is refused
    /// (ResourceExhausted), as is a move into it. Null: no limit.</summary>
    [Id(42)] public int? MaxWaiting { get; init; }
    /// <summary>What a new interaction meets when none of the queue's agents is logged in (or eligible).</summary>
    [Id(43)] public NoAgentsAction WhenNoAgents { get; init; } = NoAgentsAction.Wait;
    /// <summary>When the queue takes new work, in the tenant's time zone; null: always open.</summary>
    [Id(44)] public BusinessHours? Hours { get; init; }
    /// <summary>What a new interaction meets outside <see cref="Hours"/>; work already waiting keeps waiting.</summary>
    [Id(45)] public ClosedAction ClosedAction { get; init; } = ClosedAction.Refuse;

    public const int MaxWaitingLimit = 1_000_000;

    internal static readonly TimeSpan MaxTimer = TimeSpan.FromHours(24);

    public IEnumerable<string> Problems()
    {
        if (EntityId.Problem("queue", QueueId) is { } idProblem)
        {
            yield return idProblem;
        }
        if (TextLimits.Problem($"queue '{EntityId.Shown(QueueId)}': name", Name, TextLimits.MaxNameLength) is { } nameProblem)
        {
            yield return nameProblem;
        }
        if (Client is not null && EntityId.Problem($"queue '{EntityId.Shown(QueueId)}': client", Client) is { } clientProblem)
        {
            yield return clientProblem;
        }
        foreach (var problem in SkillRules.Problems($"queue '{EntityId.Shown(QueueId)}'", RequiredSkills))
        {
            yield return problem;
        }
        if (!Enum.IsDefined(Strategy))
        {
            yield return $"queue '{EntityId.Shown(QueueId)}': unknown strategy {(int)Strategy}";
        }
        if (PriorityWeight < TimeSpan.Zero || PriorityWeight > MaxTimer)
        {
            yield return $"queue '{EntityId.Shown(QueueId)}': priority weight must be between 0 and 24 hours";
        }
        if (OfferTimeout <= TimeSpan.Zero || OfferTimeout > TimeSpan.FromMinutes(10))
        {
            yield return $"queue '{EntityId.Shown(QueueId)}': offer timeout must be more than 0 and at most 10 minutes";
        }
        if (ReofferDelay < TimeSpan.Zero || ReofferDelay > MaxTimer)
        {
            yield return $"queue '{EntityId.Shown(QueueId)}': re-offer delay must be between 0 and 24 hours";
        }
        if (WrapUpTime < TimeSpan.Zero || WrapUpTime > MaxTimer)
        {
            yield return $"queue '{EntityId.Shown(QueueId)}': wrap-up time must be between 0 and 24 hours";
        }
        if (ServiceLevelThreshold < TimeSpan.Zero || ServiceLevelThreshold > MaxTimer)
        {
            yield return $"queue '{EntityId.Shown(QueueId)}': service-level threshold must be between 0 and 24 hours";
        }
        if (ServiceLevelTarget is < 0 or > 1 or double.NaN)
        {
            yield return $"queue '{EntityId.Shown(QueueId)}': service-level target must be between 0 and 1";
        }
        if (ShortAbandonThreshold < TimeSpan.Zero || ShortAbandonThreshold > TimeSpan.FromMinutes(10))
        {
            yield return $"queue '{EntityId.Shown(QueueId)}': short-abandon threshold must be between 0 and 10 minutes";
        }
        foreach (var problem in EligibilityProblems())
        {
            yield return problem;
        }
        foreach (var problem in BehaviourProblems())
        {
            yield return problem;
        }
    }

    /// <summary>Problems with the queue-behaviour block (the overflow target's existence is a tenant-level check).</summary>
    private IEnumerable<string> BehaviourProblems()
    {
        var owner = $"queue '{EntityId.Shown(QueueId)}'";
        if (MaxWait is { } maxWait && (maxWait <= TimeSpan.Zero || maxWait > MaxTimer))
        {
            yield return $"{owner}: max wait must be more than 0 and at most 24 hours";
        }
        if (MaxWaiting is < 1 or > MaxWaitingLimit)
        {
            yield return $"{owner}: max waiting must be between 1 and {MaxWaitingLimit}";
        }
        if (!Enum.IsDefined(WhenNoAgents))
        {
            yield return $"{owner}: unknown when-no-agents action {(int)WhenNoAgents}";
        }
        if (!Enum.IsDefined(ClosedAction))
        {
            yield return $"{owner}: unknown closed action {(int)ClosedAction}";
        }
        if (Overflow is null && (MaxWait is not null || WhenNoAgents == NoAgentsAction.Overflow || (Hours is not null && ClosedAction == ClosedAction.Overflow)))
        {
            yield return $"{owner}: max wait, when-no-agents Overflow and closed action Overflow need an overflow action";
        }
        if (Overflow is { } overflow)
        {
            if (!Enum.IsDefined(overflow.Kind))
            {
                yield return $"{owner}: unknown overflow action {(int)overflow.Kind}";
            }
            else if (overflow.Kind == OverflowActionKind.Queue)
            {
                if (EntityId.Problem("overflow queue", overflow.QueueId) is { } problem)
                {
                    yield return $"{owner}: {problem}";
                }
                else if (overflow.QueueId == QueueId)
                {
                    yield return $"{owner}: cannot overflow to itself";
                }
            }
            else if (overflow.QueueId is not null)
            {
                yield return $"{owner}: an overflow queue goes with overflow action Queue only";
            }
            if (overflow.Message?.Length > OverflowAction.MaxMessageLength)
            {
                yield return $"{owner}: overflow message is longer than {OverflowAction.MaxMessageLength} characters";
            }
        }
        if (Hours is not null)
        {
            foreach (var problem in BusinessSchedule.Problems(Hours, owner))
            {
                yield return problem;
            }
        }
    }
}
