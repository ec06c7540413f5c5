using Routing.Abstractions.Queues;
using Routing.Core;
using Routing.Grains.Telemetry;

namespace Routing.Grains.Queues;

/// <summary>
/// The queue's part in the routing metrics (<see cref="RoutingGrainMetrics"/>): the counters of interactions created,
/// routed, abandoned and overflowed here, the offer latency, and the gauge of its line, all with the tenant and queue
/// attributes this activation made once (<see cref="QueueGauge.Tags"/>).
/// </summary>
internal sealed partial class QueueGrain
{
    private readonly RoutingGrainMetrics _metrics;
    private readonly QueueGauge _gauge;

    private KeyValuePair<string, object?>[] MetricTags => _gauge.Tags;

    /// <summary>Shows this queue to the gauges (on activation).</summary>
    private void WatchLine()
    {
        _gauge.Set(Line);
        _metrics.Watch(_gauge);
    }

    /// <summary>Keeps the gauge up to date after the line changed, while an exporter reads it.</summary>
    private void LineChanged()
    {
        if (_metrics.QueueGaugesRead)
        {
            _gauge.Set(Line);
        }
    }

    /// <summary>Counts an interaction leaving the line for good; a withdrawn one (it was not waiting) is not counted.</summary>
    private void CountExit(QueueExit exit)
    {
        switch (exit)
        {
            case QueueExit.Answered:
                _metrics.Routed(MetricTags);
                break;
            case QueueExit.Abandoned:
                _metrics.Abandoned(MetricTags);
                break;
            case QueueExit.Moved or QueueExit.Overflowed:
                _metrics.Overflowed(MetricTags);
                break;
            default:
                break;
        }
    }

    /// <summary>Counts a new interaction that joined (or overflowed on arrival), not one coming back, moved or overflowed here.</summary>
    private void CountCreated(EnqueueRequest request)
    {
        if (request.Reason == EnqueueReason.New)
        {
            _metrics.Created(MetricTags);
        }
    }

    /// <summary>Records how long <paramref name="entry"/> waited here before its offer.</summary>
    private void CountOffer(WaitingEntry entry, DateTimeOffset now) => _metrics.Offered(now - entry.WaitingSince, MetricTags);
}
