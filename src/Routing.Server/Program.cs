using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Routing.Server;

// One process = one silo + the gRPC edge on the same web host.
await using var app = RoutingServerHost.Build(args);

var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Routing.Server");
try
{
    // Validates the settings before the silo starts; ValidateOnStart alone would also stop start-up,
    // but only after the host has logged the failure as a stack trace.
    _ = app.Services.GetRequiredService<IOptionsMonitor<RoutingServerOptions>>().CurrentValue;
    var silo = app.Services.GetRequiredService<IOptionsMonitor<LocalSiloOptions>>().CurrentValue;
    _ = app.Services.GetRequiredService<IOptionsMonitor<Routing.Server.Cluster.ClusterSettings>>().CurrentValue;
    _ = app.Services.GetRequiredService<IOptionsMonitor<Routing.Server.Edge.EdgeAuthOptions>>().CurrentValue;
    _ = app.Services.GetRequiredService<IOptionsMonitor<Routing.Server.Edge.EdgeExposureOptions>>().CurrentValue;
    _ = app.Services.GetRequiredService<IOptionsMonitor<Routing.History.HistoryOptions>>().CurrentValue;
    _ = app.Services.GetRequiredService<IOptionsMonitor<Routing.Server.Shutdown.ShutdownOptions>>().CurrentValue;
    _ = app.Services.GetRequiredService<IOptionsMonitor<Routing.Server.Telemetry.TelemetryOptions>>().CurrentValue;
    // Before the silo: a busy port stops start-up with one line naming it and its setting.
    PortCheck.ThrowIfBusy(app.Configuration, silo, app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value);
    await app.StartAsync();
}
catch (Exception e) when (StartupFailure.Report(logger, e))
{
    // Stops what did start (the silo) so the process ends promptly, then exits non-zero.
    await StartupFailure.StopQuietly(app);
    return 1;
}

await app.WaitForShutdownAsync();
return Environment.ExitCode;
