using Routing.Grains.Telemetry;

namespace Routing.Grains.Agents;

/// <summary>
/// The agent's part in <c>routing.agents</c>: while active in this silo it is counted in one state
/// (<see cref="AgentMetricStates.Of"/>), moved when a transition changes it, and no longer counted once deactivated.
/// </summary>
internal sealed partial class AgentGrain
{
    private readonly RoutingGrainMetrics _metrics;
    /// <summary>The state this activation is counted in; null before activation and after deactivation.</summary>
    private AgentMetricState? _countedState;

    private void CountState()
    {
        var state = AgentMetricStates.Of(State.Presence, State.Slots.Count);
        _metrics.AgentMoved(_tenantId, _countedState, state);
        _countedState = state;
    }

    private void ForgetState()
    {
        _metrics.AgentMoved(_tenantId, _countedState, null);
        _countedState = null;
    }
}
