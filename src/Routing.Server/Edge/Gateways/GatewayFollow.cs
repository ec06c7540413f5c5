using System.Threading.Channels;
using Routing.Abstractions;
using Routing.Abstractions.Interactions;
using Routing.Server.Edge.Agents;
using Routing.Server.Edge.Interactions;

namespace Routing.Server.Edge.Gateways;

/// <summary>
/// One interaction a gateway's session follows: its events go to the session once each, in sequence order, after the
/// snapshot the session's reply carried. Orleans' notices to an observer are not durable (one can be lost with a silo,
/// and a new activation of the interaction knows no observer), so a gap in the sequence re-reads the snapshot, and each
/// renewal (<see cref="SessionRenewalSchedule"/>, at once when a silo dies) subscribes again and sends what is missing,
/// as a Watch does. Events and renewals are handled one at a time, in the order they came.
/// </summary>
internal sealed class GatewayFollow(IInteractionGrain grain, IInteractionObserver observer, Func<Contracts.V1.InteractionEvent, CancellationToken, Task> send,
    Func<string, Task<string?>> endpointOf) : ISessionRenewal
{
    /// <summary>Events, and renewals (null), waiting to be handled.</summary>
    private readonly Channel<InteractionEvent?> _queue = Channel.CreateUnbounded<InteractionEvent?>(new UnboundedChannelOptions { SingleReader = true });

    public IInteractionGrain Grain => grain;

    /// <summary>Until <see cref="RunAsync"/> starts, events wait here: they may come while the create is under way.</summary>
    public void Post(InteractionEvent interactionEvent) => _queue.Writer.TryWrite(interactionEvent);

    public Task RenewAsync()
    {
        _queue.Writer.TryWrite(null);
        return Task.CompletedTask;
    }

    /// <summary>No more events are handled once those queued are: the session ended, or the gateway unfollowed.</summary>
    public void Stop() => _queue.Writer.TryComplete();

    /// <summary>Sends the events after <paramref name="replied"/> until the interaction is final or the follow stops;
    /// <paramref name="failed"/> hears of a step that failed (the next renewal sends what it missed).</summary>
    public async Task RunAsync(InteractionSnapshot replied, Action<Exception> failed)
    {
        var stream = new WatchStream(send, endpointOf, replied.Events.Length == 0 ? 0 : replied.Events.Max(e => e.Sequence));
        await foreach (var next in _queue.Reader.ReadAllAsync())
        {
            try
            {
                if (await HandleAsync(stream, next))
                {
                    return;
                }
            }
            catch (Exception e)
            {
                failed(e);
            }
        }
    }

    /// <summary>True once the interaction is final.</summary>
    private async Task<bool> HandleAsync(WatchStream stream, InteractionEvent? next) => next switch
    {
        null => await stream.CatchUp(await grain.Follow(observer), CancellationToken.None),
        _ when next.Sequence <= stream.Last => false,
        _ when next.Sequence == stream.Last + 1 => await stream.Send(next, CancellationToken.None),
        _ => await stream.CatchUp(await grain.GetSnapshot(), CancellationToken.None),
    };
}
