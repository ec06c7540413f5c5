using System.Diagnostics;
using System.Diagnostics.Metrics;
using Routing.Grains.Telemetry;

namespace Routing.Server.Telemetry;

/// <summary>
/// <c>routing.grain_state.write.duration</c> (seconds): each write or clear of a grain's state in the configured grain
/// storage (memory, Redis or Azure Table), by state name (<c>queue</c>, <c>agent</c>, <c>interaction</c>, ...; a fixed
/// set), with <c>error.type</c> when it failed.
/// </summary>
public sealed class GrainStateMetrics
{
    /// <summary>The state name attribute.</summary>
    public const string StateTag = "routing.state";

    private static readonly double[] Buckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Histogram<double> _writes;

    public GrainStateMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _writes = meterFactory.Create(RoutingMeter.Name).CreateHistogram("routing.grain_state.write.duration", "s",
            "Duration of grain state writes (and clears) in the grain storage", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
    }

    /// <summary>False while nothing reads the histogram: writes are then not timed at all.</summary>
    public bool Enabled => _writes.Enabled;

    public void Written(string stateName, long startedTimestamp, Exception? failure)
    {
        var elapsed = Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds;
        if (failure is null)
        {
            _writes.Record(elapsed, new KeyValuePair<string, object?>(StateTag, stateName));
        }
        else
        {
            _writes.Record(elapsed, new KeyValuePair<string, object?>(StateTag, stateName), new KeyValuePair<string, object?>("error.type", failure.GetType().FullName));
        }
    }
}
