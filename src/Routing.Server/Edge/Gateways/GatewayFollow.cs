using System.Threading.Channels;
using Routing.Abstractions;
using Routing.Abstractions.Interactions;
using Routing.Server.Edge.Agents;
using Routing.Server.Edge.Interactions;

namespace Routing.Server.Edge.Gateways;

/// <summary>
/// One interaction a gateway's session follows: its events go to the session once each, in sequence order, after the
/// snapshot the session's first reply carried. Orleans' notices to an observer are not durable (one can be lost with a
/// silo, and a new activation of the interaction knows no observer), so a gap in the sequence re-reads the snapshot,
/// and each renewal (<see cref="SessionRenewalSchedule"/>, at once when a silo dies) subscribes again and sends what is
/// missing, as a Watch does. Events, renewals and the replies to later creates and follows of the same interaction are
/// handled one at a time, in the order they came, so a reply goes out at its place among the events.
/// </summary>
internal sealed class GatewayFollow(IInteractionGrain grain, IInteractionObserver observer, Func<Contracts.V1.InteractionEvent, CancellationToken, Task> send,
    Func<string, Task<string?>> endpointOf) : ISessionRenewal
{
    private readonly Channel<Step> _queue = Channel.CreateUnbounded<Step>(new UnboundedChannelOptions { SingleReader = true });
    private volatile bool _stopped;

    public IInteractionGrain Grain => grain;

    /// <summary>Until <see cref="RunAsync"/> starts, events wait here: they may come while the create is under way.</summary>
    public void Post(InteractionEvent interactionEvent) => _queue.Writer.TryWrite(new Step(interactionEvent, null, null));

    public Task RenewAsync()
    {
        _queue.Writer.TryWrite(new Step(null, null, null));
        return Task.CompletedTask;
    }

    /// <summary>Queues the reply to a later create or follow: the events up to <paramref name="snapshot"/> go out first,
    /// then <paramref name="reply"/>. False once the follow has ended: the caller answers by itself.</summary>
    public bool PostReply(InteractionSnapshot snapshot, Func<InteractionSnapshot, Task> reply) =>
        _queue.Writer.TryWrite(new Step(null, snapshot, reply));

    /// <summary>Nothing more is handled: the session ended, or the gateway let go of the last hold.</summary>
    public void Stop()
    {
        _stopped = true;
        _queue.Writer.TryComplete();
    }

    /// <summary>Sends the events after <paramref name="replied"/> until the interaction is final or the follow stops;
    /// <paramref name="failed"/> hears of a step that failed (the next renewal sends what it missed).</summary>
    public async Task RunAsync(InteractionSnapshot replied, Action<Exception> failed)
    {
        var stream = new WatchStream(send, endpointOf, LastOf(replied));
        try
        {
            await foreach (var next in _queue.Reader.ReadAllAsync())
            {
                if (_stopped && next.Reply is null)
                {
                    continue;
                }
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
        finally
        {
            await DrainRepliesAsync();
        }
    }

    /// <summary>Ends the queue and answers the replies still in it, with the interaction as it stands now (final, or as
    /// the follow left it): each create or follow gets its reply, also from a follow that never ran.</summary>
    public async Task DrainRepliesAsync()
    {
        _queue.Writer.TryComplete();
        while (_queue.Reader.TryRead(out var left))
        {
            if (left.Reply is { } reply)
            {
                await ReplyNowAsync(reply, left.Snapshot!);
            }
        }
    }

    /// <summary>True once the interaction is final.</summary>
    private async Task<bool> HandleAsync(WatchStream stream, Step next)
    {
        if (next.Reply is { } reply)
        {
            var final = await stream.CatchUp(next.Snapshot!, CancellationToken.None);
            await reply(next.Snapshot!);
            return final;
        }
        return next.Event switch
        {
            null => await stream.CatchUp(await grain.Follow(observer), CancellationToken.None),
            { } e when e.Sequence <= stream.Last => false,
            { } e when e.Sequence == stream.Last + 1 => await stream.Send(e, CancellationToken.None),
            _ => await stream.CatchUp(await grain.GetSnapshot(), CancellationToken.None),
        };
    }

    /// <summary>Answers with a fresh snapshot, or <paramref name="fallback"/> when it cannot be read.</summary>
    public async Task ReplyNowAsync(Func<InteractionSnapshot, Task> reply, InteractionSnapshot fallback)
    {
        InteractionSnapshot current;
        try
        {
            current = await grain.GetSnapshot();
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            current = fallback;
        }
        await reply(current);
    }

    public static long LastOf(InteractionSnapshot snapshot) => snapshot.Events.Length == 0 ? 0 : snapshot.Events.Max(e => e.Sequence);

    /// <summary>An event, a renewal (all null), or a reply to send at its place among the events.</summary>
    private sealed record Step(InteractionEvent? Event, InteractionSnapshot? Snapshot, Func<InteractionSnapshot, Task>? Reply);
}
