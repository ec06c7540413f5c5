namespace Routing.Server.Telemetry;

/// <summary>
/// Metrics and traces (section <c>Telemetry</c>, README "Metrics and traces"). By default the server serves Prometheus
/// metrics on its own port (<see cref="PrometheusOptions.Port"/>, 9464, on the edge's address) and keeps no traces;
/// <see cref="OtlpOptions.Endpoint"/> also sends metrics and (sampled) traces to an OpenTelemetry collector.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>False turns every exporter and instrumentation off (the meters stay, unread, at almost no cost): the
    /// load test compares the two.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The <c>service.name</c> resource attribute (Prometheus' <c>target_info</c>, OTLP's resource).</summary>
    public string ServiceName { get; set; } = "routing";

    public PrometheusOptions Prometheus { get; set; } = new();

    public OtlpOptions Otlp { get; set; } = new();

    public TracingOptions Tracing { get; set; } = new();

    /// <summary>True: count every call the silo's grains receive by interface and method (<see cref="GrainCallCounter"/>),
    /// to profile what work costs the cluster. Off by default: it puts a filter on every grain call.</summary>
    public bool GrainCalls { get; set; }

    /// <summary>True when traces are kept: asked for, or else whenever OTLP has somewhere to send them.</summary>
    public bool TracesKept => Enabled && (Tracing.Enabled ?? Otlp.Endpoint is not null);

    /// <summary>True when the scrape endpoint is served.</summary>
    public bool PrometheusServed => Enabled && Prometheus.Enabled;

    /// <summary>Reads the section without failing: start-up validation reports what is wrong with it.</summary>
    public static TelemetryOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        try
        {
            return configuration.GetSection(SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        }
        catch (InvalidOperationException)
        {
            // A value of the wrong type: nothing is set up from it, and the validation stops start-up naming it.
            return new TelemetryOptions { Enabled = false };
        }
    }
}

/// <summary>The Prometheus scrape endpoint (section <c>Telemetry:Prometheus</c>): plain HTTP on a port of its own, never
/// the gRPC port, so scrapes neither need a token nor share the edge's rate limit.</summary>
public sealed class PrometheusOptions
{
    /// <summary>The port Prometheus' default for OpenTelemetry exporters (9464) unless set.</summary>
    public const int DefaultPort = 9464;

    /// <summary>False: no scrape endpoint (e.g. when metrics go by OTLP only).</summary>
    public bool Enabled { get; set; } = true;

    public int Port { get; set; } = DefaultPort;

    /// <summary>The IP address to listen on; unset: the address of the edge's first endpoint (127.0.0.1 by default,
    /// every address when the edge listens on every address).</summary>
    public string? Address { get; set; }

    /// <summary>The scrape path.</summary>
    public string Path { get; set; } = "/metrics";
}

/// <summary>OTLP export (section <c>Telemetry:Otlp</c>): metrics and traces to an OpenTelemetry collector.</summary>
public sealed class OtlpOptions
{
    public const string Grpc = "Grpc";
    public const string HttpProtobuf = "HttpProtobuf";

    /// <summary>The collector, e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>http://otel-collector:4318</c> (HTTP,
    /// where <c>/v1/metrics</c> and <c>/v1/traces</c> are added). Unset: no OTLP export.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary><c>Grpc</c> (the default) or <c>HttpProtobuf</c>.</summary>
    public string Protocol { get; set; } = Grpc;

    /// <summary>Headers sent with each export, <c>key=value</c> pairs separated by commas (e.g. an API key).</summary>
    public string? Headers { get; set; }

    /// <summary>How often metrics are pushed.</summary>
    public TimeSpan MetricsInterval { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>Traces (section <c>Telemetry:Tracing</c>): the edge's server span, the grain calls under it (Orleans' activity
/// propagation), grain state writes and PostgreSQL history commands.</summary>
public sealed class TracingOptions
{
    /// <summary>Unset: traces are kept when <see cref="OtlpOptions.Endpoint"/> is set, so a server with nowhere to send
    /// them pays nothing for them.</summary>
    public bool? Enabled { get; set; }

    /// <summary>The share of the edge's requests that begin a trace (0–1); a call that arrives with a sampled parent is
    /// always kept (parent-based), so a caller's trace stays whole. Work with no request behind it (grain timers, queue
    /// passes, the history writer) begins no trace.</summary>
    public double SampleRatio { get; set; } = 0.1;
}
