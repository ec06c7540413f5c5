using System.Collections.Concurrent;
using Grpc.Core;
using Routing.Client;
using Routing.Client.Gateways;
using Routing.Contracts.V1;

namespace Routing.Cluster.Tests.Infrastructure;

/// <summary>A media gateway: creates calls (with ids of its own, so retries never create twice) and records which the
/// cluster acknowledged; reads them back at the end. Every other call is created and followed on a gateway session, as
/// the SIP gateway does, and what each follow passed on is checked against the call's final state: across a silo's
/// death or a rolling upgrade the session reconnects, and still no event may be lost or come twice. Without a session
/// every call is created with the unary call.</summary>
internal sealed class Gateway(RoutingClient client, Ledger ledger, GatewaySession? session = null)
{
    private readonly ConcurrentDictionary<string, Task<List<InteractionEvent>>> _followed = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _followLimit = new(TimeSpan.FromMinutes(5));
    private int _next;

    /// <summary>Creates one call in <paramref name="queueId"/>; true when acknowledged.</summary>
    public async Task<bool> CreateAsync(string queueId, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _next);
        var id = $"{queueId}-{number:00000}";
        var request = new CreateInteractionRequest { InteractionId = id, QueueId = queueId, Channel = Channel.Voice };
        try
        {
            if (session is null || number % 2 == 0)
            {
                await client.Interactions.CreateAsync(request, cancellationToken);
            }
            else
            {
                var followed = await session.CreateAsync(request, cancellationToken);
                _followed[id] = ReadAllAsync(followed);
            }
            ledger.Created(id);
            return true;
        }
        catch (RpcException e)
        {
            ledger.CreateFailed(e);
            return false;
        }
    }

    /// <summary>Each call followed on the session passed on exactly the events of its final state, in order.</summary>
    public async Task AssertFollowedWholeAsync(IReadOnlyList<InteractionSnapshot> finals)
    {
        foreach (var final in finals.Where(f => _followed.ContainsKey(f.InteractionId)))
        {
            // The call is final: its last events are on their way or were missed for good.
            var passedOn = await _followed[final.InteractionId].WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(
                read => read.IsCompletedSuccessfully ? read.Result : [], TaskScheduler.Default);
            Assert.True(passedOn.Select(e => (e.Sequence, e.Kind)).SequenceEqual(final.Events.Select(e => (e.Sequence, e.Kind))),
                $"the gateway session passed on {string.Join(", ", passedOn.Select(e => $"{e.Sequence}:{e.Kind}"))} for {final.InteractionId}, " +
                $"whose events are {string.Join(", ", final.Events.Select(e => $"{e.Sequence}:{e.Kind}"))}");
        }
    }

    private async Task<List<InteractionEvent>> ReadAllAsync(FollowedInteraction followed)
    {
        var events = new List<InteractionEvent>();
        try
        {
            await foreach (var e in followed.ReadAllAsync(_followLimit.Token))
            {
                events.Add(e);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException)
        {
            // Not final in time, or the session could not follow it again: the comparison shows what is missing.
        }
        finally
        {
            followed.Dispose();
        }
        return events;
    }

    /// <summary>Creates calls at about <paramref name="perSecond"/> until <paramref name="stop"/>.</summary>
    public async Task RunAsync(string queueId, int perSecond, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / perSecond));
        var calls = new List<Task>();
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                calls.Add(CreateAsync(queueId, CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Enough.
        }
        await Task.WhenAll(calls);
    }

    /// <summary>Waits (on each call's event stream) until every acknowledged call is final, then reads them
    /// back through <paramref name="reader"/> (a client of the live edges).</summary>
    public async Task<IReadOnlyList<InteractionSnapshot>> FinalStatesAsync(RoutingClient reader, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        return await Task.WhenAll(ledger.Acknowledged.Select(async id =>
        {
            try
            {
                await foreach (var _ in reader.Interactions.WatchAsync(id, deadline.Token))
                {
                    // The stream ends once the interaction is final.
                }
            }
            catch (Exception e) when (e is OperationCanceledException or RpcException)
            {
                // Not final in time: the snapshot below shows where it stands.
            }
            return await reader.Interactions.GetAsync(id, CancellationToken.None);
        }));
    }
}
