using Routing.Core.Hours;

namespace Routing.Core;

/// <summary>
/// Admission of work new to the line, and the entry it gets: business hours and agents logged in for new
/// interactions, the size limit for new, moved and overflowed ones. Checked before anything changes, so a
/// refusal changes nothing.
/// </summary>
public sealed partial class QueueWork
{
    /// <summary>Null to admit; otherwise refused, or overflowed at once by a rule that says so (it is then not
    /// put in line).</summary>
    private QueueTransition? Admit(LineRequest request, QueueTerms terms, DateTimeOffset now)
    {
        if (request.Reason == EnqueueReason.Rejoin)
        {
            return null;
        }
        if (request.Reason == EnqueueReason.New && (Closed(terms, now) ?? NoAgents(request, terms)) is { } turnedAway)
        {
            return turnedAway;
        }
        var holding = Holding;
        return terms.MaxWaiting is { } max && holding >= max
            ? QueueTransition.Refused(QueueRefusal.Full, $"queue '{terms.QueueId}' is full: {holding} waiting")
            : null;
    }

    /// <summary>Outside business hours: refused (saying when it opens) or overflowed; null while open.</summary>
    private static QueueTransition? Closed(QueueTerms terms, DateTimeOffset now)
    {
        if (terms.Hours is not { } hours || BusinessSchedule.IsOpen(hours, now, terms.Zone))
        {
            return null;
        }
        if (terms.OverflowWhenClosed)
        {
            return QueueTransition.Overflow(QueueRefusal.Closed);
        }
        var until = BusinessSchedule.NextOpening(hours, now, terms.Zone) is { } opening
            ? $"until {BusinessSchedule.Describe(opening, now, terms.Zone)}"
            : "with no opening in the next year";
        return QueueTransition.Refused(QueueRefusal.Closed, $"queue '{terms.QueueId}' is closed {until}");
    }

    /// <summary>
    /// No member logged in (not Offline) who could take it: refused or overflowed, per the queue. A member
    /// whose presence this activation has not heard yet (a re-activated queue learns presence only as its
    /// agents announce themselves) might be logged in, so while any is unknown the interaction waits.
    /// </summary>
    private QueueTransition? NoAgents(LineRequest request, QueueTerms terms)
    {
        if (terms.WaitWithoutAgents)
        {
            return null;
        }
        var requirements = terms.RequirementsWith(request.RequiredSkills);
        var someoneCould = _members.Any(m => !_memberStates.TryGetValue(m, out var agent)
            || (agent.Presence != Presence.Offline && agent.Skills.Satisfies(requirements)));
        if (someoneCould)
        {
            return null;
        }
        return terms.OverflowWithoutAgents
            ? QueueTransition.Overflow(QueueRefusal.NoAgents)
            : QueueTransition.Refused(QueueRefusal.NoAgents, $"no agents logged in for queue '{terms.QueueId}' who can take this interaction");
    }

    private WaitingEntry NewEntry(LineRequest request, QueueTerms terms, DateTimeOffset now)
    {
        // Transferred-in work keeps its arrival (its place by score) unless this queue says it arrives anew.
        var arrival = request.Transferred && !terms.TransferKeepsArrivalTime ? now : PriorityScore.ClampArrival(request.Arrival, now);
        var entry = new WaitingEntry
        {
            InteractionId = request.InteractionId,
            Channel = request.Channel,
            Arrival = arrival,
            EnteredQueue = EnteredAt(request, arrival, now),
            Priority = request.Priority,
            EffectiveArrival = PriorityScore.EffectiveArrival(arrival, request.Priority, terms.PriorityWeight),
            Requirements = terms.RequirementsWith(request.RequiredSkills),
            Sequence = _state.NextSequence++,
            Exclusions = [.. request.Exclusions.Where(e => e.Until > now)],
        };
        return WithEligibilityOverTime(entry, request, terms, now);
    }

    /// <summary>When a new entry of this line entered it: a rejoin whose place was lost waits on from when it
    /// first entered (so its wait here is not cut short), new work from its arrival, and work from another
    /// queue or agent (moved, overflowed, transferred in) from now, so this queue's waits leave out the time
    /// spent elsewhere.</summary>
    private static DateTimeOffset EnteredAt(LineRequest request, DateTimeOffset arrival, DateTimeOffset now) => request switch
    {
        { Reason: EnqueueReason.Rejoin, Transferred: false } => PriorityScore.ClampArrival(request.EnteredQueue ?? arrival, now),
        { Reason: EnqueueReason.New } => arrival,
        _ => now,
    };

    /// <summary>The entry with its escalation stages and, when the queue waits for a returning customer's
    /// agent, that agent until the wait ends. The agent must be a member (otherwise this queue could never
    /// offer it the work, and the wait would be for nothing).</summary>
    private WaitingEntry WithEligibilityOverTime(WaitingEntry entry, LineRequest request, QueueTerms terms, DateTimeOffset now)
    {
        entry = entry with
        {
            Stages = terms.Escalation.Length == 0 ? [] : SkillEscalation.Stages(terms.RequiredSkills, request.RequiredSkills, terms.Escalation),
        };
        var until = entry.Arrival + terms.PreferredAgentWait;
        if (request.PreferredAgentId is { } preferred
            && terms.PreferredAgentWait > TimeSpan.Zero
            && now - request.PreferredServedAt <= terms.PreferredAgentWindow
            && until > now
            && _members.Contains(preferred)
            && !entry.Excludes(preferred, now))
        {
            entry = entry with { PreferredAgentId = preferred, PreferredUntil = until };
        }
        return entry;
    }
}
