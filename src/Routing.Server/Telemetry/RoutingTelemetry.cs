using System.Diagnostics.Metrics;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Routing.Grains.Telemetry;
using Routing.History;

namespace Routing.Server.Telemetry;

/// <summary>
/// Metrics and traces of the server (README "Metrics and traces"), set up from <see cref="TelemetryOptions"/>: the
/// routing meters, Orleans', ASP.NET Core's, the runtime's and the process's, served to Prometheus on a port of their
/// own and sent by OTLP when configured; traces from the edge through the grain calls to storage when kept.
/// </summary>
public static class RoutingTelemetry
{
    /// <summary>Orleans' own meter (grain calls, activations, messaging, membership).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Adds the telemetry the <c>Telemetry</c> section asks for (validated at start-up), and the scrape
    /// endpoint's port to Kestrel's endpoints. Call before the silo, so the meters are read from its first grain on.</summary>
    public static WebApplicationBuilder AddRoutingTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TelemetryOptions>().Bind(builder.Configuration.GetSection(TelemetryOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TelemetryOptions>>(new TelemetryOptionsValidator(builder.Configuration));
        var options = TelemetryOptions.From(builder.Configuration);
        if (!options.Enabled)
        {
            return builder;
        }
        builder.Services.AddSingleton<EdgeCallMetrics>();
        builder.Services.Configure<GrpcServiceOptions>(grpc =>
        {
            // Outermost, so it counts the status the caller gets.
            grpc.Interceptors.Add<EdgeCallMetricsInterceptor>();
            var registration = grpc.Interceptors[^1];
            grpc.Interceptors.RemoveAt(grpc.Interceptors.Count - 1);
            grpc.Interceptors.Insert(0, registration);
        });
        if (options.GrainCalls)
        {
            builder.UseOrleans(silo => silo.AddIncomingGrainCallFilter<GrainCallCounter>());
        }
        var scrape = TelemetryEndpoints.ScrapeEndpoint(builder.Configuration);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName, serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(RoutingMeter.Name, HistoryRecorder.MeterName, OrleansMeter)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddProcessInstrumentation();
                if (scrape is not null)
                {
                    // No caching of scrape answers: each scrape (Prometheus' interval is seconds apart) reads the figures now.
                    metrics.AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                }
                if (options.Otlp.Endpoint is { IsAbsoluteUri: true } endpoint)
                {
                    metrics.AddOtlpExporter((exporter, reader) =>
                    {
                        Configure(exporter, options.Otlp, endpoint, "v1/metrics");
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.Otlp.MetricsInterval.TotalMilliseconds;
                    });
                }
            });
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, metrics) => OnlyThisHostsMeters(metrics, services.GetRequiredService<IMeterFactory>()));
        if (options.TracesKept)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.SetSampler(new ParentBasedSampler(new EdgeRootSampler(Math.Clamp(options.Tracing.SampleRatio, 0, 1))))
                    .AddSource(RoutingTracing.SourceName)
                    .AddSource(RoutingTracing.OrleansSources)
                    // Scrapes are not traced.
                    .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => scrape is null || context.Connection.LocalPort != scrape.Port)
                    .AddNpgsql();
                if (options.Otlp.Endpoint is { IsAbsoluteUri: true } endpoint)
                {
                    tracing.AddOtlpExporter(exporter => Configure(exporter, options.Otlp, endpoint, "v1/traces"));
                }
            });
            // Grain calls carry the caller's trace context and make spans of their own.
            builder.UseOrleans(silo => silo.AddActivityPropagation());
        }
        if (scrape is not null)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(scrape, listen => listen.Protocols = HttpProtocols.Http1));
        }
        return builder;
    }

    /// <summary>Serves the scrape endpoint on its own port, and nothing else there: a request on that port for any other
    /// path gets 404, as <c>/metrics</c> does on the edge's ports. Call first, before routing.</summary>
    public static WebApplication UseRoutingTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (TelemetryEndpoints.ScrapeEndpoint(app.Configuration) is not { } scrape)
        {
            return app;
        }
        var path = new PathString(TelemetryOptions.From(app.Configuration).Prometheus.Path);
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: context => context.Connection.LocalPort == scrape.Port && context.Request.Path == path,
            path: null,
            configureBranchedPipeline: null,
            optionsName: null);
        app.UseWhen(context => context.Connection.LocalPort == scrape.Port, metricsPort => metricsPort.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }));
        return app;
    }

    /// <summary>Leaves out meters another host's factory made: the routing meter's name is the same in every host, and
    /// where several servers share a process (the tests) each exports only its own figures.</summary>
    private static void OnlyThisHostsMeters(MeterProviderBuilder metrics, IMeterFactory own) =>
        metrics.AddView(instrument => instrument.Meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, own) ? MetricStreamConfiguration.Drop : null);

    private static void Configure(OtlpExporterOptions exporter, OtlpOptions otlp, Uri endpoint, string httpPath)
    {
        var http = string.Equals(otlp.Protocol, OtlpOptions.HttpProtobuf, StringComparison.OrdinalIgnoreCase);
        exporter.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        // Set in code, the endpoint is used as given: over HTTP each signal has its own path.
        exporter.Endpoint = http ? new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + "/" + httpPath) : endpoint;
        if (otlp.Headers is { } headers)
        {
            exporter.Headers = headers;
        }
    }
}
