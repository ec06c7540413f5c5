using System.Threading.Channels;
using Routing.Abstractions.Queues;
using Routing.Core.Statistics;

namespace Routing.Server.Edge.Supervisors;

/// <summary>The observer one WatchQueues call subscribes on every queue it watches; pushed statistics
/// go to a channel the call reads.</summary>
internal sealed class QueueWatch : IQueueObserver
{
    private readonly Channel<QueueStatistics> _statistics = Channel.CreateUnbounded<QueueStatistics>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<QueueStatistics> Statistics => _statistics.Reader;

    public Task OnStatistics(QueueStatistics statistics)
    {
        _statistics.Writer.TryWrite(statistics);
        return Task.CompletedTask;
    }
}
