using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Web;
using Microsoft.Extensions.Options;
using Routing.Configuration;
using Routing.Demo;
using Routing.Grains;
using Routing.Server.Centre;
using Routing.Server.Cluster;
using Routing.Server.Edge;
using Routing.Server.Edge.Admin;
using Routing.Server.Edge.Agents;
using Routing.Server.Edge.Events;
using Routing.Server.Edge.Gateways;
using Routing.Server.Edge.Interactions;
using Routing.Server.Edge.Limits;
using Routing.Server.Edge.Reports;
using Routing.Server.Edge.Supervisors;
using Routing.Server.Edge.Webhooks;
using Routing.Server.History;
using Routing.Server.Probes;
using Routing.Server.Shutdown;
using Routing.Server.Telemetry;

namespace Routing.Server;

/// <summary>
/// Builds the server: one Orleans silo and the gRPC edge on one web host. Used by Program.cs and by
/// the edge tests, which start the real server on free ports.
/// </summary>
public static class RoutingServerHost
{
    /// <summary>Largest request message the edge accepts; bigger ones end with ResourceExhausted.</summary>
    public const int MaxReceiveMessageSize = 64 * 1024;

    /// <summary>Largest response message the edge sends.</summary>
    public const int MaxSendMessageSize = 4 * 1024 * 1024;

    /// <summary>Builds (does not start) the server from command-line <paramref name="args"/>.</summary>
    public static WebApplication Build(string[] args) => Build(args, configureServices: null);

    /// <summary>As <see cref="Build(string[])"/>; <paramref name="configureServices"/> runs last, so a test can
    /// adjust services (e.g. the HTTP handler the JWT handler fetches an authority's keys with).</summary>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices)
    {
        var (webArgs, switches) = CommandLine.Split(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = webArgs,
            // appsettings.json and the sample centre sit next to the binary; find them from any working directory.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(switches);

        builder.Services.AddOptions<RoutingServerOptions>()
            .Bind(builder.Configuration.GetSection(RoutingServerOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RoutingServerOptions>, RoutingServerOptionsValidator>();

        var siloSection = builder.Configuration.GetSection(LocalSiloOptions.SectionName);
        builder.Services.AddOptions<LocalSiloOptions>().Bind(siloSection).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LocalSiloOptions>, LocalSiloOptionsValidator>();
        var silo = siloSection.Get<LocalSiloOptions>() ?? new LocalSiloOptions();
        var clusterSection = builder.Configuration.GetSection(ClusterSettings.SectionName);
        builder.Services.AddOptions<ClusterSettings>().Bind(clusterSection).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ClusterSettings>, ClusterSettingsValidator>();
        var cluster = clusterSection.Get<ClusterSettings>() ?? new ClusterSettings();
        // Before the silo: an unreachable Redis stops start-up with one clear message.
        builder.Services.AddHostedService<StorageReachability>();
        builder.Services.AddHostedService<Runtime.GarbageCollectorStartupReport>();
        // Before the silo: the recorder starts first and stops after it.
        ServerHistory.AddHistory(builder);
        // Before the silo, so its meters are read from the first grain on (README "Metrics and traces").
        builder.AddRoutingTelemetry();
        builder.UseOrleans(orleans => orleans
            .UseRoutingCluster(cluster, silo)
            .AddRouting(grains => grains.DurableState = cluster.DurableState));

        AddEdge(builder);

        // Hosted services start in registration order: these come after the silo's, so grain calls work,
        // and the demo (idle unless enabled) starts only once the centre is applied.
        builder.Services.AddHostedService<CentreLoader>();
        builder.Services.AddHostedService(services =>
        {
            var options = services.GetRequiredService<IOptions<RoutingServerOptions>>().Value;
            return new DemoSimulation(services.GetRequiredService<IGrainFactory>(), options.Demo,
                () => CentreConfigurationFile.Load(options.CentreFilePath), services.GetRequiredService<ILogger<DemoSimulation>>());
        });

        configureServices?.Invoke(builder.Services);
        // Last: every AddGrpc* call would add grpc-dotnet's own method provider back.
        builder.Services.UseParsingMethodProvider();
        var app = builder.Build();
        // First: the scrape endpoint on its own port, before the edge's middleware.
        app.UseRoutingTelemetry();
        MapEdge(app);
        return app;
    }

    private static void AddEdge(WebApplicationBuilder builder)
    {
        builder.Services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<RoutingExceptionInterceptor>();
            grpc.MaxReceiveMessageSize = MaxReceiveMessageSize;
            grpc.MaxSendMessageSize = MaxSendMessageSize;
            grpc.EnableDetailedErrors = false;
        });
        // The whole-centre configuration is the one large message; AdminBodyLimit lets only admins send it.
        builder.Services.AddOptions<EdgeLimitsOptions>()
            .Bind(builder.Configuration.GetSection(EdgeLimitsOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EdgeLimitsOptions>, EdgeLimitsOptionsValidator>();
        builder.Services.AddOptions<GrpcServiceOptions<AdminEdgeService>>()
            .Configure<IOptions<EdgeLimitsOptions>>((admin, limits) =>
            {
                admin.MaxReceiveMessageSize = limits.Value.MaxConfigurationBytes;
                admin.MaxSendMessageSize = limits.Value.MaxConfigurationBytes;
            });
        // Liveness apart from readiness (joined, storage answering, not stopping): see ServerHealthChecks.
        builder.Services.AddServerHealthChecks();
        builder.Services.AddGracefulShutdown(builder.Configuration);
        builder.Services.AddGrpcReflection();
        builder.Services.AddOptions<EdgeExposureOptions>()
            .Bind(builder.Configuration.GetSection(EdgeExposureOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EdgeExposureOptions>, EdgeExposureOptionsValidator>();
        builder.Services.AddEdgeAuthentication(builder.Configuration);
        builder.Services.AddOptions<EdgeRateLimitOptions>()
            .Bind(builder.Configuration.GetSection(EdgeRateLimitOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EdgeRateLimitOptions>, EdgeRateLimitOptionsValidator>();
        builder.Services.AddEdgeRateLimiting();
        builder.Services.AddHostedService<EdgeStartupWarnings>();
        builder.Services.AddAgentEdge();
        builder.Services.AddReportEdge(builder.Configuration);
        builder.Services.AddEventFeedEdge(builder.Configuration);
        builder.Services.AddWebhookEdge(builder.Configuration);
        builder.Services.AddSingleton<EdgeShutdown>();
        builder.Services.AddSingleton<SupervisorActionLog>();
    }

    private static void MapEdge(WebApplication app)
    {
        // Read from configuration, not the options: an invalid value is reported by the start-up
        // validation (one line), which resolving the options here, before start, would turn into a crash.
        var exposure = app.Configuration.GetSection(EdgeExposureOptions.SectionName).Get<EdgeExposureOptions>() ?? new EdgeExposureOptions();
        app.UseRouting();
        if (exposure.GrpcWeb)
        {
            app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        }
        app.UseAuthentication();
        app.UseMiddleware<AdminBodyLimit>();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapGet("/healthz", () => "ok");
        app.MapReadinessEndpoint();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        switch (exposure.Reflection)
        {
            case ReflectionAccess.Anonymous:
                app.MapGrpcReflectionService().AllowAnonymous();
                break;
            case ReflectionAccess.Authenticated:
                app.MapGrpcReflectionService().RequireAuthorization();
                break;
        }
        app.MapGrpcService<InteractionEdgeService>().RequireAuthorization();
        app.MapGrpcService<GatewayEdgeService>().RequireAuthorization();
        app.MapGrpcService<RegistrationEdgeService>().RequireAuthorization();
        app.MapGrpcService<AdminEdgeService>().RequireAuthorization();
        app.MapGrpcService<SupervisorEdgeService>().RequireAuthorization();
        app.MapGrpcService<AgentEdgeService>().RequireAuthorization();
        app.MapGrpcService<ReportEdgeService>().RequireAuthorization();
        app.MapGrpcService<EventFeedEdgeService>().RequireAuthorization();
        app.MapGrpcService<WebhookEdgeService>().RequireAuthorization();
    }
}
