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
        // Read from configuration, not the validated options: the host resolves its options while it is built, before
        // the start-up validation that reports invalid settings in one line.
        var section = configuration.GetSection(ShutdownOptions.SectionName);
        services.AddOptions<HostOptions>().Configure(host =>
        {
            if (Usable(section) is { } shutdown)
            {
                host.ShutdownTimeout = shutdown.DrainDelay + shutdown.Timeout;
            }
        });
        services.AddHostedService<DrainDelay>();
        return services;
    }

    private static ShutdownOptions? Usable(IConfigurationSection section)
    {
        try
        {
            var shutdown = section.Get<ShutdownOptions>() ?? new ShutdownOptions();
            return shutdown.Problems().Any() ? null : shutdown;
        }
        catch (InvalidOperationException)
        {
            // A value that is no time span: the start-up validation reports it.
            return null;
        }
    }
}
