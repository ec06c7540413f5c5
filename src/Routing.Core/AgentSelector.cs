namespace Routing.Core;

/// <summary>
/// Chooses the agent for an interaction among eligible candidates. Every strategy breaks ties the same
/// deterministic way: longest idle, then agent id (ordinal). The selector holds the round-robin cursor,
/// so keep one per queue.
/// </summary>
public sealed class AgentSelector(SelectionStrategy strategy, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;
    /// <summary>Reused by each choice, not allocated per offer.</summary>
    private readonly List<AgentCandidate> _eligible = [];

    public SelectionStrategy Strategy { get; } = strategy;

    /// <summary>The agent id chosen last (round-robin continues after it).</summary>
    public string? LastChosen { get; set; }

    /// <summary>Returns the chosen candidate, or null when there is none.</summary>
    public AgentCandidate? Select(IReadOnlyList<AgentCandidate> eligible, IReadOnlyList<SkillRequirement> requirements)
    {
        ArgumentNullException.ThrowIfNull(eligible);
        ArgumentNullException.ThrowIfNull(requirements);
        if (eligible.Count == 0)
        {
            return null;
        }
        var chosen = Strategy switch
        {
            SelectionStrategy.LongestIdle => Best(eligible, static _ => 0),
            SelectionStrategy.MostSkilled => Best(eligible, a => -a.Skills.MatchScore(requirements)),
            SelectionStrategy.LeastOccupied => Best(eligible, static a => a.Occupancy),
            SelectionStrategy.FewestInteractionsToday => Best(eligible, static a => a.InteractionsToday),
            SelectionStrategy.RoundRobin => NextInTurn(eligible),
            SelectionStrategy.Random => eligible[_random.Next(eligible.Count)],
            _ => throw new InvalidOperationException($"unknown strategy {Strategy}"),
        };
        LastChosen = chosen.AgentId;
        return chosen;
    }

    /// <summary>
    /// Chooses among the <paramref name="available"/> agents that pass <paramref name="isEligible"/>: the same
    /// choice as <see cref="Select(IReadOnlyList{AgentCandidate}, IReadOnlyList{SkillRequirement})"/> over
    /// those agents, but longest idle stops at the first eligible agent in idle order instead of testing all.
    /// </summary>
    public AgentCandidate? Select(AvailableAgents available, Func<AgentCandidate, bool> isEligible, IReadOnlyList<SkillRequirement> requirements)
    {
        ArgumentNullException.ThrowIfNull(available);
        ArgumentNullException.ThrowIfNull(isEligible);
        if (Strategy == SelectionStrategy.LongestIdle)
        {
            foreach (var candidate in available.LongestIdleFirst)
            {
                if (isEligible(candidate))
                {
                    LastChosen = candidate.AgentId;
                    return candidate;
                }
            }
            return null;
        }
        foreach (var candidate in available.All)
        {
            if (isEligible(candidate))
            {
                _eligible.Add(candidate);
            }
        }
        try
        {
            return Select(_eligible, requirements);
        }
        finally
        {
            _eligible.Clear();
        }
    }

    /// <summary>The candidate with the lowest <paramref name="key"/> (each key computed once), then the
    /// shared tie breakers.</summary>
    private static AgentCandidate Best(IReadOnlyList<AgentCandidate> eligible, Func<AgentCandidate, double> key)
    {
        var best = eligible[0];
        var bestKey = key(best);
        for (var i = 1; i < eligible.Count; i++)
        {
            var candidate = eligible[i];
            var candidateKey = key(candidate);
            var order = candidateKey.CompareTo(bestKey);
            if (order == 0)
            {
                order = TieBreak(candidate, best);
            }
            if (order < 0)
            {
                (best, bestKey) = (candidate, candidateKey);
            }
        }
        return best;
    }

    internal static int TieBreak(AgentCandidate a, AgentCandidate b)
    {
        var byIdle = a.IdleSince.UtcTicks.CompareTo(b.IdleSince.UtcTicks);
        return byIdle != 0 ? byIdle : string.CompareOrdinal(a.AgentId, b.AgentId);
    }

    /// <summary>The first agent (by id) after the last one chosen, wrapping round to the smallest id.</summary>
    private AgentCandidate NextInTurn(IReadOnlyList<AgentCandidate> eligible)
    {
        AgentCandidate? next = null;
        AgentCandidate smallest = eligible[0];
        foreach (var candidate in eligible)
        {
            if (string.CompareOrdinal(candidate.AgentId, smallest.AgentId) < 0)
            {
                smallest = candidate;
            }
            if (LastChosen is not null
                && string.CompareOrdinal(candidate.AgentId, LastChosen) > 0
                && (next is null || string.CompareOrdinal(candidate.AgentId, next.AgentId) < 0))
            {
                next = candidate;
            }
        }
        return next ?? smallest;
    }
}
