namespace Routing.Demo;

/// <summary>A command of a simulated agent that failed for a reason other than a race.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Action">What it was doing (e.g. "accept").</param>
/// <param name="InteractionId">The interaction it was about, or what the action was for.</param>
/// <param name="Error">What went wrong.</param>
public sealed record SimulationFailure(string AgentId, string Action, string InteractionId, Exception Error)
{
    public override string ToString() =>
        $"agent {AgentId} could not {Action} {InteractionId}: {Error.GetType().Name}: {Error.Message}";
}
