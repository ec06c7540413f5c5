using Microsoft.Extensions.Options;

namespace Routing.Server.Shutdown;

/// <summary>Registers <see cref="ShutdownOptions"/>: validated at start, the host's shutdown timeout set from them,
/// and the drain delay.</summary>
internal static class GracefulShutdown
{
    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ShutdownOptions>, ShutdownOptionsValidator>();
        // The host cancels every service's StopAsync when this runs out; Orleans then stops the silo without handing over.
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) =>
            host.ShutdownTimeout = shutdown.Value.DrainDelay + shutdown.Value.Timeout);
        services.AddHostedService<DrainDelay>();
        return services;
    }
}
