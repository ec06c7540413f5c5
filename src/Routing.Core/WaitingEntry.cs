namespace Routing.Core;

/// <summary>
/// One interaction waiting in a queue's line: what the queue needs to rank it and to decide which
/// agents may take it.
/// </summary>
[GenerateSerializer, Immutable, Alias("routing.waiting-entry")]
public sealed partial record WaitingEntry
{
    [Id(0)] public required string InteractionId { get; init; }
    [Id(1)] public required Channel Channel { get; init; }
    /// <summary>When the interaction first arrived (kept across re-queues, so it keeps its place).</summary>
    [Id(2)] public required DateTimeOffset Arrival { get; init; }
    [Id(3)] public required int Priority { get; init; }
    /// <summary><see cref="PriorityScore.EffectiveArrival"/>: the line is ordered by this, ascending.</summary>
    [Id(4)] public required DateTimeOffset EffectiveArrival { get; init; }
    /// <summary>The queue's skills plus the interaction's own (e.g. its language).</summary>
    [Id(5)] public required SkillRequirement[] Requirements { get; init; }
    /// <summary>Tie breaker for equal effective arrivals: earlier enqueue wins.</summary>
    [Id(6)] public required long Sequence { get; init; }
    [Id(7)] public AgentExclusion[] Exclusions { get; init; } = [];

    // Eligibility over time (escalation steps, preferred agent): see WaitingEntry.Eligibility.cs.
    /// <summary>The stages of the queue's escalation for this interaction (<see cref="SkillEscalation.Stages"/>);
    /// empty: <see cref="Requirements"/> apply throughout.</summary>
    [Id(8)] public EligibilityStage[] Stages { get; init; } = [];
    /// <summary>The agent this interaction waits for (e.g. the one who last served the customer), until
    /// <see cref="PreferredUntil"/>; null: none.</summary>
    [Id(9)] public string? PreferredAgentId { get; init; }
    /// <summary>Until then only <see cref="PreferredAgentId"/> is eligible; afterwards everyone.</summary>
    [Id(10)] public DateTimeOffset PreferredUntil { get; init; }

    /// <summary>When it entered this queue's line: its arrival for new work, the moment of the move,
    /// overflow or transfer for work from elsewhere; null (a line stored before the queue kept it): its
    /// arrival.</summary>
    [Id(11)] public DateTimeOffset? EnteredQueue { get; init; }

    /// <summary>What this queue's waits count from (answer speed, service level, abandons, longest wait):
    /// the time in this queue only, while <see cref="Arrival"/> keeps its place in line.</summary>
    public DateTimeOffset WaitingSince => EnteredQueue ?? Arrival;

    /// <summary>Whether <paramref name="agentId"/> is barred from this interaction at <paramref name="now"/>.</summary>
    public bool Excludes(string agentId, DateTimeOffset now)
    {
        foreach (var exclusion in Exclusions)
        {
            if (exclusion.Until > now && string.Equals(exclusion.AgentId, agentId, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Returns a copy that bars <paramref name="agentId"/> until <paramref name="until"/>,
    /// dropping exclusions that have already expired.
    /// An exclusion of the preferred agent (it rejected or did not answer) ends the preference: the
    /// interaction does not keep waiting for an agent who will not be offered it.</summary>
    public WaitingEntry WithExclusion(string agentId, DateTimeOffset until, DateTimeOffset now) => this with
    {
        Exclusions = [.. Exclusions.Where(e => e.Until > now && e.AgentId != agentId), new AgentExclusion(agentId, until)],
        PreferredAgentId = string.Equals(PreferredAgentId, agentId, StringComparison.Ordinal) ? null : PreferredAgentId,
    };

    /// <summary>Whether an agent with <paramref name="skills"/> may be offered this interaction now: the
    /// preferred agent alone while the preference lasts, with the skills the escalation has in force after
    /// the wait so far, and not excluded.</summary>
    public bool IsEligible(string agentId, SkillSet skills, DateTimeOffset now) =>
        IsPreferenceOpenTo(agentId, now)
        && (Stages.Length == 0 ? skills.Satisfies(Requirements) : SkillsInForce(now).Admits(skills))
        && !Excludes(agentId, now);

    /// <summary>The earliest moment an exclusion ends, if any is still running.</summary>
    public DateTimeOffset? NextExclusionEnd(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        foreach (var exclusion in Exclusions)
        {
            if (exclusion.Until > now && (next is null || exclusion.Until < next))
            {
                next = exclusion.Until;
            }
        }
        return next;
    }
}
