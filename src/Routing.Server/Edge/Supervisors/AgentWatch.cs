using System.Threading.Channels;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Interactions;

namespace Routing.Server.Edge.Supervisors;

/// <summary>The observer one WatchAgents call subscribes on every agent it watches: state changes go
/// to a channel the call reads (also the one an offer brings); offers themselves are not a supervisor's business.</summary>
internal sealed class AgentWatch : IAgentObserver
{
    private readonly Channel<AgentSnapshot> _states = Channel.CreateUnbounded<AgentSnapshot>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<AgentSnapshot> States => _states.Reader;

    public Task OnOffer(OfferNotice offer) => offer.AgentState is { } state ? OnStateChanged(state) : Task.CompletedTask;

    public Task OnOfferEnded(string interactionId, OfferOutcome outcome) => Task.CompletedTask;

    public Task OnStateChanged(AgentSnapshot snapshot)
    {
        _states.Writer.TryWrite(snapshot);
        return Task.CompletedTask;
    }
}
