using Routing.Abstractions.Interactions;

namespace Routing.Abstractions.Agents;

/// <summary>
/// An agent's app (or the gRPC edge on its behalf). Observers are not durable: subscribe again after
/// a reconnect and before the subscription lease runs out.
/// </summary>
[Alias("routing.agent-observer")]
public interface IAgentObserver : IGrainObserver
{
    /// <summary>A new offer is ringing. When the agent's state changed with it, <see cref="OfferNotice.AgentState"/>
    /// carries the new state, and no <see cref="OnStateChanged"/> is sent for that change.</summary>
    [OneWay]
    [Alias("OnOffer")]
    Task OnOffer(OfferNotice offer);

    /// <summary>An offer ended without a connection (rejected, timed out, rescinded, withdrawn).</summary>
    [OneWay]
    [Alias("OnOfferEnded")]
    Task OnOfferEnded(string interactionId, OfferOutcome outcome);

    /// <summary>Presence or load changed.</summary>
    [OneWay]
    [Alias("OnStateChanged")]
    Task OnStateChanged(AgentSnapshot snapshot);
}
