namespace Routing.Core;

/// <summary>
/// Chooses the agent for an interaction among eligible candidates. Every strategy breaks ties the same
/// deterministic way: longest idle, then agent id (ordinal). The selector holds the round-robin cursor,
/// so keep one per queue.
/// </summary>
public sealed class AgentSelector(SelectionStrategy strategy, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;

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
            SelectionStrategy.LongestIdle => Best(eligible, static (_, _) => 0),
            SelectionStrategy.MostSkilled => Best(eligible, (a, b) => b.Skills.MatchScore(requirements).CompareTo(a.Skills.MatchScore(requirements))),
            SelectionStrategy.LeastOccupied => Best(eligible, static (a, b) => a.Occupancy.CompareTo(b.Occupancy)),
            SelectionStrategy.FewestInteractionsToday => Best(eligible, static (a, b) => a.InteractionsToday.CompareTo(b.InteractionsToday)),
            SelectionStrategy.RoundRobin => NextInTurn(eligible),
            SelectionStrategy.Random => eligible[_random.Next(eligible.Count)],
            _ => throw new InvalidOperationException($"unknown strategy {Strategy}"),
        };
        LastChosen = chosen.AgentId;
        return chosen;
    }

    /// <summary>Compares by the strategy's own criterion first, then by the shared tie breakers.</summary>
    private static AgentCandidate Best(IReadOnlyList<AgentCandidate> eligible, Func<AgentCandidate, AgentCandidate, int> criterion)
    {
        var best = eligible[0];
        for (var i = 1; i < eligible.Count; i++)
        {
            var candidate = eligible[i];
            var order = criterion(candidate, best);
            if (order == 0)
            {
                order = TieBreak(candidate, best);
            }
            if (order < 0)
            {
                best = candidate;
            }
        }
        return best;
    }

    private static int TieBreak(AgentCandidate a, AgentCandidate b)
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
