using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grpc.Core;
using Routing.Grains.Telemetry;

namespace Routing.Server.Telemetry;

/// <summary>
/// The edge's calls by gRPC method and final status, in the OpenTelemetry RPC conventions: <c>rpc.server.calls</c> and
/// <c>rpc.server.call.duration</c> (seconds; a stream's lifetime for streaming calls). The attribute values are interned,
/// one method name per service method and one status name per code, so a call allocates nothing here.
/// </summary>
public sealed class EdgeCallMetrics
{
    private static readonly double[] DurationBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    /// <summary>The status names of the gRPC specification, indexed by code.</summary>
    private static readonly string[] StatusNames =
    [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
        "UNAUTHENTICATED",
    ];

    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;
    /// <summary>"/routing.v1.Interactions/Create" → "routing.v1.Interactions/Create": only the edge's own methods reach
    /// the interceptors, so this holds one entry per method.</summary>
    private readonly ConcurrentDictionary<string, string> _methods = new(StringComparer.Ordinal);

    public EdgeCallMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(RoutingMeter.Name);
        _calls = meter.CreateCounter<long>("rpc.server.calls", "{call}", "gRPC calls the edge answered, by method and status");
        _duration = meter.CreateHistogram("rpc.server.call.duration", "s", "Duration of the edge's gRPC calls, by method and status",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    /// <summary>Counts a call that began at <paramref name="startedTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>) and ended with <paramref name="status"/>.</summary>
    public void Ended(string method, StatusCode status, long startedTimestamp)
    {
        if (!_calls.Enabled && !_duration.Enabled)
        {
            return;
        }
        var tags = new TagList
        {
            { "rpc.system", "grpc" },
            { "rpc.method", _methods.GetOrAdd(method, static m => m.TrimStart('/')) },
            { "rpc.response.status_code", StatusName(status) },
        };
        _calls.Add(1, tags);
        _duration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, tags);
    }

    private static string StatusName(StatusCode status) => (int)status is var code && code >= 0 && code < StatusNames.Length ? StatusNames[code] : "UNKNOWN";
}
