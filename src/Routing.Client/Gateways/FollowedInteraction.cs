using System.Threading.Channels;
using Routing.Contracts.V1;
using Channel = System.Threading.Channels.Channel;

namespace Routing.Client.Gateways;

/// <summary>
/// An interaction a <see cref="GatewaySession"/> created or follows: the snapshot its reply carried, then its events,
/// each once and in sequence order, until it is final. A reconnect of the session is invisible here: the session
/// follows the interaction again and only what was missed comes through. Dispose to stop following early (e.g. once
/// the call is redirected to its agent).
/// </summary>
public sealed class FollowedInteraction : IDisposable
{
    private readonly Channel<InteractionEvent> _events = Channel.CreateUnbounded<InteractionEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _order = new();
    private readonly Action<FollowedInteraction> _unfollow;
    private long _last;

    internal FollowedInteraction(InteractionSnapshot snapshot, Action<FollowedInteraction> unfollow)
    {
        Snapshot = snapshot;
        _unfollow = unfollow;
        CatchUp(snapshot);
    }

    /// <summary>The interaction as the create or follow found it.</summary>
    public InteractionSnapshot Snapshot { get; }

    public string InteractionId => Snapshot.InteractionId;

    /// <summary>The sequence of the last event passed on, from which a reconnected session follows again.</summary>
    internal long Last
    {
        get
        {
            lock (_order)
            {
                return _last;
            }
        }
    }

    /// <summary>Whether its final event has been passed on (or the follow failed or stopped).</summary>
    internal bool Ended => _events.Reader.Completion.IsCompleted;

    /// <summary>The snapshot's events, then each new one, until the final one; fails when the session could not follow
    /// the interaction again after a reconnect (an <see cref="Grpc.Core.RpcException"/> saying why).</summary>
    public IAsyncEnumerable<InteractionEvent> ReadAllAsync(CancellationToken cancellationToken = default) => _events.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Stops following; events not read yet stay readable.</summary>
    public void Dispose()
    {
        _events.Writer.TryComplete();
        _unfollow(this);
    }

    /// <summary>Passes on the snapshot's events not passed on yet (after a reconnect).</summary>
    internal void CatchUp(InteractionSnapshot snapshot)
    {
        foreach (var e in snapshot.Events.OrderBy(e => e.Sequence))
        {
            Deliver(e);
        }
    }

    /// <summary>Passes on one event, unless it came before.</summary>
    internal void Deliver(InteractionEvent interactionEvent)
    {
        lock (_order)
        {
            if (interactionEvent.Sequence <= _last)
            {
                return;
            }
            _last = interactionEvent.Sequence;
            _events.Writer.TryWrite(interactionEvent);
            if (interactionEvent.Status.IsFinal())
            {
                _events.Writer.TryComplete();
            }
        }
    }

    internal void Fail(Exception failure) => _events.Writer.TryComplete(failure);
}
