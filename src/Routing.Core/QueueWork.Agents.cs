namespace Routing.Core;

/// <summary>
/// The queue's members and what it knows of them: the index of available agents (newest availability wins) and
/// each member's latest state, for the no-agents rule and agents by state. Agents asking for work (the pull) get
/// the best waiting interaction they may take.
/// </summary>
public sealed partial class QueueWork
{
    private readonly HashSet<string> _members = new(StringComparer.Ordinal);
    /// <summary>The latest known state of each member.</summary>
    private readonly Dictionary<string, AgentCandidate> _memberStates = new(StringComparer.Ordinal);
    /// <summary>The newest availability version seen per agent, so a late message cannot undo a newer one.</summary>
    private readonly Dictionary<string, long> _agentVersions = new(StringComparer.Ordinal);

    /// <summary>Available agents (only those with a free channel), by id and longest idle first.</summary>
    public AvailableAgents Available { get; } = new();

    /// <summary>The latest known state of each member the queue has heard from.</summary>
    public IReadOnlyCollection<AgentCandidate> MemberStates => _memberStates.Values;

    public bool IsMember(string agentId) => _members.Contains(agentId);

    /// <summary>Work that joins or changes in line is worth a routing pass only while some agent is available: with
    /// none, the pass would match nothing, and the next agent to become available starts one itself (or takes the work
    /// in its own look). At peak, when every agent is busy, this spares each arrival a pass.</summary>
    private QueueEffects RouteIfAnyoneAvailable => Available.Count > 0 ? QueueEffects.Route : QueueEffects.None;

    /// <summary>Records the agent's availability unless a newer one is known: it is in the index of available agents
    /// when it is a member with a free channel. Worth a routing pass when it is and work waits.</summary>
    public QueueTransition AgentAvailable(AgentCandidate agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (_agentVersions.TryGetValue(agent.AgentId, out var seen) && seen >= agent.Version)
        {
            return QueueTransition.Refused(QueueRefusal.OutOfDate);
        }
        _agentVersions[agent.AgentId] = agent.Version;
        var member = _members.Contains(agent.AgentId);
        if (member)
        {
            _memberStates[agent.AgentId] = agent;
        }
        else
        {
            _memberStates.Remove(agent.AgentId);
        }
        if (agent.IsAvailable && member)
        {
            Available.Set(agent);
            return QueueTransition.Accept(null, QueueEffects.StatisticsChanged | (Line.Count > 0 ? QueueEffects.Route : QueueEffects.None));
        }
        Available.Remove(agent.AgentId);
        return QueueTransition.Accept(null, QueueEffects.StatisticsChanged);
    }

    /// <summary>The best waiting interaction <paramref name="agent"/> may take now, without taking it.</summary>
    public WaitingEntry? PeekFor(AgentCandidate agent, DateTimeOffset now) => BestFor(agent, DateTimeOffset.MaxValue, now);

    /// <summary>Takes the best waiting interaction <paramref name="agent"/> may take out of line for an offer to it,
    /// provided it scores no worse than <paramref name="notAfter"/>.</summary>
    public QueueTransition ClaimBestFor(AgentCandidate agent, DateTimeOffset notAfter, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (Terms is null)
        {
            return QueueTransition.Refused(QueueRefusal.NotConfigured);
        }
        if (BestFor(agent, notAfter, now) is not { } entry)
        {
            return QueueTransition.Refused(QueueRefusal.NothingEligible);
        }
        Line.TryRemove(entry.InteractionId, out _);
        _state.Offered[entry.InteractionId] = new OfferedEntry(entry, agent.AgentId, now);
        return QueueTransition.Accept(entry, QueueEffects.Write | QueueEffects.StatisticsChanged);
    }

    /// <summary>The best waiting interaction the agent may take, if it scores no worse than <paramref name="notAfter"/>.</summary>
    private WaitingEntry? BestFor(AgentCandidate agent, DateTimeOffset notAfter, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (Terms is null || !_members.Contains(agent.AgentId))
        {
            return null;
        }
        var entry = Line.FindFirst(e => e.EffectiveArrival > notAfter || (agent.HasFree(e.Channel) && e.IsEligible(agent.AgentId, agent.Skills, now)));
        return entry is null || entry.EffectiveArrival > notAfter ? null : entry;
    }
}
