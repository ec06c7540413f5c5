using Grpc.Core;
using Routing.Abstractions;
using Routing.Abstractions.Queues;
using Routing.Core.Statistics;
using Routing.Server.Edge.Mapping;

namespace Routing.Server.Edge.Supervisors;

/// <summary>One WatchQueues call: subscribes to the queues, sends their current statistics, then whatever
/// they push, renewing the subscriptions before their lease ends, until the caller goes away.</summary>
internal sealed class QueueStatisticsStream(IGrainFactory grainFactory, ILogger logger)
{
    /// <summary>Most queue ids one WatchQueues call may name.</summary>
    public const int MaxQueueIds = 1_000;

    public async Task RunAsync(string tenantId, string[] queueIds, IServerStreamWriter<Contracts.V1.QueueStatistics> responseStream, CancellationToken cancellationToken)
    {
        var watch = new QueueWatch();
        var reference = grainFactory.CreateObjectReference<IQueueObserver>(watch);
        var grains = queueIds.Select(id => grainFactory.Queue(tenantId, id)).ToList();
        var latest = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        try
        {
            await Task.WhenAll(grains.Select(g => g.Subscribe(reference)));
            foreach (var statistics in await Task.WhenAll(grains.Select(g => g.GetStatistics())))
            {
                await Send(statistics);
            }
            while (!cancellationToken.IsCancellationRequested)
            {
                using var renew = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                renew.CancelAfter(Interactions.InteractionEdgeService.RenewEvery);
                try
                {
                    await Send(await watch.Statistics.ReadAsync(renew.Token));
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await Task.WhenAll(grains.Select(g => g.Subscribe(reference)));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The wallboard went away: the normal end of a watch.
        }
        finally
        {
            await UnsubscribeAsync(grains, reference);
        }

        async Task Send(QueueStatistics statistics)
        {
            // Pushes may overtake each other: never send older statistics after newer ones.
            if (latest.TryGetValue(statistics.QueueId, out var seen) && statistics.At <= seen)
            {
                return;
            }
            latest[statistics.QueueId] = statistics.At;
            await responseStream.WriteAsync(statistics.ToProto(), cancellationToken);
        }
    }

    private async Task UnsubscribeAsync(List<IQueueGrain> grains, IQueueObserver reference)
    {
        try
        {
            await Task.WhenAll(grains.Select(g => g.Unsubscribe(reference)));
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            // The queues forget the observer after its lease anyway.
            EdgeLog.WatchEnded(logger, "queues", e.Message);
        }
        finally
        {
            grainFactory.DeleteObjectReference<IQueueObserver>(reference);
        }
    }
}
