using Routing.Abstractions.Agents;
using Routing.Abstractions.Interactions;
using Routing.Core;

namespace Routing.Demo;

/// <summary>Passes an agent grain's notices on to a <see cref="SimulatedAgent"/>, for hosts that drive
/// it with <see cref="GrainAgentCommands"/>. Subscribe it with <c>CreateObjectReference</c>.</summary>
public sealed class SimulatedAgentObserver(SimulatedAgent agent) : IAgentObserver
{
    public SimulatedAgent Agent => agent;

    public Task OnOffer(OfferNotice offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        agent.Offered(offer.InteractionId);
        return offer.AgentState is { } state ? OnStateChanged(state) : Task.CompletedTask;
    }

    public Task OnOfferEnded(string interactionId, OfferOutcome outcome)
    {
        if (outcome == OfferOutcome.TimedOut)
        {
            agent.OfferTimedOut(interactionId);
        }
        return Task.CompletedTask;
    }

    public Task OnStateChanged(AgentSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot is { Presence: Presence.NotReady, Reason: NotReadyReasons.NoAnswer })
        {
            agent.MadeNotReadyForNoAnswer();
        }
        return Task.CompletedTask;
    }
}
