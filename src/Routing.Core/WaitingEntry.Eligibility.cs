namespace Routing.Core;

/// <summary>Eligibility that changes with time: escalation stages and the preferred agent's window.</summary>
public sealed partial record WaitingEntry
{
    /// <summary>How long the interaction has waited at <paramref name="now"/> (never negative).</summary>
    public TimeSpan WaitedAt(DateTimeOffset now) => now > Arrival ? now - Arrival : TimeSpan.Zero;

    /// <summary>The skills that qualify an agent at <paramref name="now"/>.</summary>
    public EligibilityStage SkillsInForce(DateTimeOffset now) => Stages.Length == 0
        ? new EligibilityStage { From = TimeSpan.Zero, Requirements = Requirements }
        : SkillEscalation.InForce(Stages, WaitedAt(now));

    /// <summary>False only for agents other than the preferred one while the preference lasts.</summary>
    public bool IsPreferenceOpenTo(string agentId, DateTimeOffset now) =>
        PreferredAgentId is null || now >= PreferredUntil || string.Equals(PreferredAgentId, agentId, StringComparison.Ordinal);

    /// <summary>The next moment who is eligible changes by time alone (an exclusion ends, an escalation
    /// step starts, the preference runs out), or null when nothing more will change.</summary>
    public DateTimeOffset? NextChange(DateTimeOffset now)
    {
        var next = NextExclusionEnd(now);
        if (SkillEscalation.NextBoundary(Stages, WaitedAt(now)) is { } boundary)
        {
            next = Earliest(next, Arrival + boundary);
        }
        if (PreferredAgentId is not null && PreferredUntil > now)
        {
            next = Earliest(next, PreferredUntil);
        }
        return next;
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset b) => a is null || b < a ? b : a;
}
