namespace Routing.Core;

/// <summary>
/// The agents available to one queue: by id, and in longest-idle order (idle since, then agent id: the
/// tie breakers every strategy shares). Longest-idle selection walks that order and stops at the first
/// eligible agent, so a queue of 10,000 members costs a few comparisons per offer instead of a scan of
/// every available agent.
/// </summary>
public sealed class AvailableAgents
{
    private readonly Dictionary<string, AgentCandidate> _byId = new(StringComparer.Ordinal);
    private readonly SortedSet<AgentCandidate> _longestIdleFirst = new(LongestIdleOrder.Instance);

    public int Count => _byId.Count;

    public IEnumerable<string> Ids => _byId.Keys;

    /// <summary>Every available agent, in no particular order.</summary>
    public IReadOnlyCollection<AgentCandidate> All => _byId.Values;

    /// <summary>Every available agent, longest idle first.</summary>
    public IEnumerable<AgentCandidate> LongestIdleFirst => _longestIdleFirst;

    public bool TryGet(string agentId, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out AgentCandidate candidate) =>
        _byId.TryGetValue(agentId, out candidate);

    /// <summary>Adds the agent or replaces what was known of it.</summary>
    public void Set(AgentCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        Remove(candidate.AgentId);
        _byId[candidate.AgentId] = candidate;
        _longestIdleFirst.Add(candidate);
    }

    public bool Remove(string agentId)
    {
        if (!_byId.Remove(agentId, out var known))
        {
            return false;
        }
        _longestIdleFirst.Remove(known);
        return true;
    }

    public void Clear()
    {
        _byId.Clear();
        _longestIdleFirst.Clear();
    }

    /// <summary>Idle since (earliest first), then agent id (ordinal): a total order, as ids are unique.</summary>
    private sealed class LongestIdleOrder : IComparer<AgentCandidate>
    {
        public static readonly LongestIdleOrder Instance = new();

        public int Compare(AgentCandidate? x, AgentCandidate? y) => (x, y) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            _ => AgentSelector.TieBreak(x, y),
        };
    }
}
