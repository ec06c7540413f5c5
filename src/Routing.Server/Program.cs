using Microsoft.Extensions.Options;
using Routing.Grains;
using Routing.Server;
using Routing.Server.Centre;
using Routing.Server.Demo;

// One process = one silo (+ later the gRPC edge on the same web host).
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

builder.UseOrleans(silo => silo
    .UseLocalhostClustering()
    .AddMemoryGrainStorage(RoutingSiloBuilderExtensions.StorageName)
    .AddRouting());

// Hosted services start in registration order: these come after the silo's, so grain calls work,
// and the demo (idle unless enabled) starts only once the centre is applied.
builder.Services.AddHostedService<CentreLoader>();
builder.Services.AddHostedService<DemoSimulation>();

await using var app = builder.Build();
app.MapGet("/healthz", () => "ok");

var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Routing.Server");
try
{
    // Validates the settings before the silo starts; ValidateOnStart alone would also stop start-up,
    // but only after the host has logged the failure as a stack trace.
    _ = app.Services.GetRequiredService<IOptionsMonitor<RoutingServerOptions>>().CurrentValue;
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
