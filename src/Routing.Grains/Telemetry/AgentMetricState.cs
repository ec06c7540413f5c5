using Routing.Core;

namespace Routing.Grains.Telemetry;

/// <summary>The state an agent is counted in by <c>routing.agents</c>: its presence, except that an agent holding any
/// interaction (ringing, connected or wrapping up) counts as busy whatever its presence.</summary>
public enum AgentMetricState
{
    Offline = 0,
    Available = 1,
    NotReady = 2,
    Busy = 3,
}

/// <summary>How an agent's presence and held interactions map to <see cref="AgentMetricState"/>, and the label values.</summary>
public static class AgentMetricStates
{
    /// <summary>The label values, indexed by <see cref="AgentMetricState"/>.</summary>
    private static readonly string[] Labels = ["offline", "available", "not_ready", "busy"];

    public static AgentMetricState Of(Presence presence, int heldInteractions) => presence switch
    {
        Presence.Offline => AgentMetricState.Offline,
        _ when heldInteractions > 0 => AgentMetricState.Busy,
        Presence.Available => AgentMetricState.Available,
        _ => AgentMetricState.NotReady,
    };

    public static string Label(AgentMetricState state) => Labels[(int)state];
}
