using Routing.Abstractions.Interactions;

namespace Routing.Abstractions.Agents;

/// <summary>
/// The gRPC edge holding an agent's session stream: an <see cref="IAgentObserver"/> that also hears
/// when its session is taken over by a newer one (so it can end its stream).
/// </summary>
[Alias("routing.agent-session-observer")]
public interface IAgentSessionObserver : IAgentObserver
{
    /// <summary>Session <paramref name="sessionId"/> is no longer the agent's session: another stream attached.</summary>
    [OneWay]
    [Alias("OnSessionEnded")]
    Task OnSessionEnded(string sessionId);

    /// <summary>A transfer the agent asked for moved on: its part ended (wrap up), or a consult failed.</summary>
    [OneWay]
    [Alias("OnTransferNotice")]
    Task OnTransferNotice(TransferNotice notice);
}
