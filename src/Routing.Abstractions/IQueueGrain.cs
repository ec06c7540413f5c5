using Orleans.Concurrency;
using Routing.Abstractions.Protocol;
using Routing.Abstractions.Queues;
using Routing.Core.Statistics;

namespace Routing.Abstractions;

/// <summary>
/// One queue (<c>tenant/queueId</c>) as supervisors, wallboards and the gRPC edge see it: its line and its
/// live statistics. The routing itself (the line of waiting interactions ordered by score, the index of
/// available agents, offers) is on <see cref="IQueueRouting"/>, which the same grain implements.
/// </summary>
/// <remarks>Methods marked <see cref="AlwaysInterleaveAttribute"/> are atomic: they never await another grain.</remarks>
[Alias("routing.queue")]
public interface IQueueGrain : IGrainWithStringKey
{
    [ReadOnly, AlwaysInterleave]
    [Alias("GetSnapshot")]
    Task<QueueSnapshot> GetSnapshot();

    /// <summary>Atomic: the queue's live statistics now.</summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("GetStatistics")]
    Task<QueueStatistics> GetStatistics();

    /// <summary>Atomic: pushes statistics to <paramref name="observer"/> as they change (lease 10 minutes; subscribe again to renew).</summary>
    [AlwaysInterleave]
    [Alias("Subscribe")]
    Task Subscribe(IQueueObserver observer);

    [AlwaysInterleave]
    [Alias("Unsubscribe")]
    Task Unsubscribe(IQueueObserver observer);
}
