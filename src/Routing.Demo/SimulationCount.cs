namespace Routing.Demo;

/// <summary>What a <see cref="SimulationTally"/> counts for each simulated agent.</summary>
public enum SimulationCount
{
    /// <summary>Offers that rang at the agent.</summary>
    Offers,

    /// <summary>Offers the agent accepted.</summary>
    Accepted,

    /// <summary>Offers the agent rejected.</summary>
    Rejected,

    /// <summary>Offers the agent chose to let ring.</summary>
    RangOut,

    /// <summary>Offers the centre reported timed out (rung out, or answered too late).</summary>
    TimedOut,

    /// <summary>Accepted calls the agent saw through to the end (completed by it, or by its queue).</summary>
    Completed,

    /// <summary>Commands the centre refused because the interaction had moved on (see <see cref="IAgentCommands"/>).</summary>
    Refused,
}
