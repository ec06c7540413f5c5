using System.Threading.Channels;
using Routing.Abstractions.Interactions;

namespace Routing.Server.Edge.Interactions;

/// <summary>The observer one Watch call subscribes on its interaction: events go to a channel the
/// call reads, so the grain never waits for the network.</summary>
internal sealed class InteractionWatch : IInteractionObserver
{
    private readonly Channel<InteractionEvent> _events = Channel.CreateUnbounded<InteractionEvent>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<InteractionEvent> Events => _events.Reader;

    public Task OnEvent(InteractionEvent interactionEvent)
    {
        _events.Writer.TryWrite(interactionEvent);
        return Task.CompletedTask;
    }
}
