namespace Routing.Core;

/// <summary>How a queue chooses among several eligible, available agents.</summary>
[GenerateSerializer]
public enum SelectionStrategy
{
    /// <summary>The agent idle the longest (the default, and the fairest to agents).</summary>
    LongestIdle = 0,
    /// <summary>The agent with the highest proficiency in the required skills.</summary>
    MostSkilled = 1,
    /// <summary>The agent with the lowest load relative to capacity.</summary>
    LeastOccupied = 2,
    /// <summary>The agent who has handled the fewest interactions today.</summary>
    FewestInteractionsToday = 3,
    /// <summary>Each agent in turn, by agent id, continuing after the last one chosen.</summary>
    RoundRobin = 4,
    /// <summary>A random eligible agent.</summary>
    Random = 5,
}
