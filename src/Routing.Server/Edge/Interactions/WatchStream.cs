using Routing.Abstractions.Interactions;
using Routing.Configuration;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.Server.Edge.Mapping;

namespace Routing.Server.Edge.Interactions;

/// <summary>Writes an interaction's events once each, in sequence order, with the agent's endpoint on offers and
/// connections (<paramref name="endpointOf"/>: the agent's registered contact, else its configured endpoint): to a Watch
/// call, or to a gateway's session after the snapshot its reply carried (<paramref name="sentThrough"/>, the last
/// sequence that snapshot held).</summary>
internal sealed class WatchStream(Func<Contracts.V1.InteractionEvent, CancellationToken, Task> write, Func<string, Task<string?>> endpointOf, long sentThrough = 0)
{
    /// <summary>The sequence number of the last event sent (0 before the first).</summary>
    public long Last { get; private set; } = sentThrough;

    /// <summary>Sends the snapshot's events not sent yet. True when the interaction is final.</summary>
    public async Task<bool> CatchUp(InteractionSnapshot snapshot, CancellationToken cancellationToken)
    {
        foreach (var e in snapshot.Events.Where(e => e.Sequence > Last).OrderBy(e => e.Sequence))
        {
            if (await Send(e, cancellationToken))
            {
                return true;
            }
        }
        return snapshot.Status.IsFinal();
    }

    /// <summary>Sends one event. True when it leaves the interaction final.</summary>
    public async Task<bool> Send(InteractionEvent e, CancellationToken cancellationToken)
    {
        var endpoint = e is { Kind: InteractionEventKind.Offered or InteractionEventKind.Connected, AgentId: { } agent }
            ? await endpointOf(agent)
            : null;
        await write(e.ToProto(endpoint), cancellationToken);
        Last = e.Sequence;
        return e.Status.IsFinal();
    }
}
