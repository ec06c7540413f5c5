using Routing.Core.Statistics;

namespace Routing.Grains.Queues;

/// <summary>
/// The queue's statistics counts, stored apart from its line: written a few seconds after they change (one write
/// covers every change in that window), not with each line change, so a busy queue pays one small write per window.
/// </summary>
[GenerateSerializer, Alias("routing.queue-statistics-state")]
public sealed class QueueStatisticsState
{
    [Id(0)] public QueueStatisticsCounts? Counts { get; set; }
}
