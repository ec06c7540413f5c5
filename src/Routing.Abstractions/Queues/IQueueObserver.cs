using Routing.Core.Statistics;

namespace Routing.Abstractions.Queues;

/// <summary>A wallboard or supervisor (the gRPC edge on its behalf) following a queue's live statistics.
/// Not durable: subscribe again before the lease (10 minutes) runs out.</summary>
[Alias("routing.queue-observer")]
public interface IQueueObserver : IGrainObserver
{
    /// <summary>The queue's statistics changed (at most about once a second; also while contacts wait,
    /// so the longest wait keeps moving).</summary>
    [OneWay]
    [Alias("OnStatistics")]
    Task OnStatistics(QueueStatistics statistics);
}
