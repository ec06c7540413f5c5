using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Routing.Grains.Telemetry;

/// <summary>
/// The routing grains' instruments on the <see cref="RoutingMeter.Name"/> meter, one per silo. Recording is cheap when
/// nothing listens (each instrument checks for listeners first), and the queue and agent grains pass attribute sets they
/// made once per activation, so a routed interaction allocates nothing here. The gauges read <see cref="QueueGauge"/>s the
/// queue grains active in this silo keep up to date: a scrape never calls a grain.
/// </summary>
public sealed class RoutingGrainMetrics
{
    /// <summary>Bucket bounds of the offer latency, in seconds: from a routing pass that finds an agent free at once
    /// (milliseconds) to contacts that waited minutes for one.</summary>
    private static readonly double[] OfferLatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    private readonly Counter<long> _created;
    private readonly Counter<long> _routed;
    private readonly Counter<long> _abandoned;
    private readonly Counter<long> _overflowed;
    private readonly Histogram<double> _offerLatency;
    private readonly UpDownCounter<long> _agents;
    private readonly ObservableGauge<long> _waiting;
    private readonly ConcurrentDictionary<QueueGauge, byte> _queues = new(ReferenceEqualityComparer.Instance);
    private readonly TimeProvider _time;

    public RoutingGrainMetrics(IMeterFactory meterFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _time = time;
        var meter = meterFactory.Create(RoutingMeter.Name);
        _created = meter.CreateCounter<long>("routing.interactions.created", "{interaction}", "New interactions that entered their first queue (including those overflowed on arrival)");
        _routed = meter.CreateCounter<long>("routing.interactions.routed", "{interaction}", "Interactions an agent accepted, by the queue they were offered from");
        _abandoned = meter.CreateCounter<long>("routing.interactions.abandoned", "{interaction}", "Interactions whose customer hung up while they waited or rang");
        _overflowed = meter.CreateCounter<long>("routing.interactions.overflowed", "{interaction}", "Interactions that left a queue for its overflow target or were moved to another queue");
        _offerLatency = meter.CreateHistogram("routing.offer.latency", "s",
            "Time from an interaction entering the queue to its offer to an agent",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = OfferLatencyBuckets });
        _agents = meter.CreateUpDownCounter<long>("routing.agents", "{agent}", "Agents active in this silo, by tenant and state");
        _waiting = meter.CreateObservableGauge("routing.queue.waiting", ObserveWaiting, "{interaction}", "Interactions waiting in the queue (not ringing)");
        meter.CreateObservableGauge("routing.queue.longest_wait", ObserveLongestWait, "s", "How long the longest-waiting interaction of the queue has waited in it");
    }

    /// <summary>True when an exporter reads the queue gauges: the queues then keep them up to date.</summary>
    public bool QueueGaugesRead => _waiting.Enabled;

    public void Created(KeyValuePair<string, object?>[] queueTags) => _created.Add(1, queueTags);

    public void Routed(KeyValuePair<string, object?>[] queueTags) => _routed.Add(1, queueTags);

    public void Abandoned(KeyValuePair<string, object?>[] queueTags) => _abandoned.Add(1, queueTags);

    public void Overflowed(KeyValuePair<string, object?>[] queueTags) => _overflowed.Add(1, queueTags);

    public void Offered(TimeSpan sinceEnteringQueue, KeyValuePair<string, object?>[] queueTags)
    {
        if (_offerLatency.Enabled)
        {
            _offerLatency.Record(Math.Max(0, sinceEnteringQueue.TotalSeconds), queueTags);
        }
    }

    /// <summary>Moves one agent of <paramref name="tenantId"/> from <paramref name="from"/> (null: newly counted) to
    /// <paramref name="to"/> (null: no longer counted, its activation ends).</summary>
    public void AgentMoved(string tenantId, AgentMetricState? from, AgentMetricState? to)
    {
        if (from == to)
        {
            return;
        }
        if (from is { } old)
        {
            _agents.Add(-1, new(RoutingMeter.TenantTag, tenantId), new(RoutingMeter.AgentStateTag, AgentMetricStates.Label(old)));
        }
        if (to is { } now)
        {
            _agents.Add(1, new(RoutingMeter.TenantTag, tenantId), new(RoutingMeter.AgentStateTag, AgentMetricStates.Label(now)));
        }
    }

    /// <summary>Shows <paramref name="gauge"/> to the queue gauges until <see cref="Forget"/>.</summary>
    public void Watch(QueueGauge gauge) => _queues.TryAdd(gauge, 0);

    public void Forget(QueueGauge gauge) => _queues.TryRemove(gauge, out _);

    private IEnumerable<Measurement<long>> ObserveWaiting()
    {
        foreach (var gauge in _queues.Keys)
        {
            yield return new Measurement<long>(gauge.Waiting, gauge.Tags);
        }
    }

    private IEnumerable<Measurement<double>> ObserveLongestWait()
    {
        var now = _time.GetUtcNow();
        foreach (var gauge in _queues.Keys)
        {
            yield return new Measurement<double>(gauge.LongestWaitSeconds(now), gauge.Tags);
        }
    }
}
