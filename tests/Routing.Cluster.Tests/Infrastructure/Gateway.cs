using Grpc.Core;
using Routing.Client;
using Routing.Contracts.V1;

namespace Routing.Cluster.Tests.Infrastructure;

/// <summary>A media gateway: creates calls (with ids of its own, so retries never create twice) and
/// records which the cluster acknowledged; reads them back at the end.</summary>
internal sealed class Gateway(RoutingClient client, Ledger ledger)
{
    private int _next;

    /// <summary>Creates one call in <paramref name="queueId"/>; true when acknowledged.</summary>
    public async Task<bool> CreateAsync(string queueId, CancellationToken cancellationToken)
    {
        var id = $"{queueId}-{Interlocked.Increment(ref _next):00000}";
        try
        {
            await client.Interactions.CreateAsync(new CreateInteractionRequest { InteractionId = id, QueueId = queueId, Channel = Channel.Voice }, cancellationToken);
            ledger.Created(id);
            return true;
        }
        catch (RpcException e)
        {
            ledger.CreateFailed(e);
            return false;
        }
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
