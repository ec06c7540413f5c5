using System.Threading.Channels;
using Routing.Abstractions.Queues;
using Routing.Core.Statistics;

namespace Routing.Grains.Tests.Statistics;

/// <summary>Stands in for a wallboard: records the statistics a queue pushes and lets a test await them.</summary>
public sealed class QueueStatisticsProbe : IQueueObserver
{
    private readonly Channel<QueueStatistics> _pushed = Channel.CreateUnbounded<QueueStatistics>();

    public Task OnStatistics(QueueStatistics statistics)
    {
        _pushed.Writer.TryWrite(statistics);
        return Task.CompletedTask;
    }

    /// <summary>The first pushed statistics that match; fails the test when none come in time.</summary>
    public async Task<QueueStatistics> Until(Func<QueueStatistics, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            while (true)
            {
                var next = await _pushed.Reader.ReadAsync(timeout.Token);
                if (match(next))
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail("the queue pushed no statistics matching the expectation within 15 s");
            throw;
        }
    }
}
