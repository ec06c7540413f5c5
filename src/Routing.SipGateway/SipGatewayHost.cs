using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Routing.Client;
using Routing.Sip;
using Routing.Sip.Core;
using Routing.SipGateway.Calls;
using Routing.Sip.Registrar;
using Routing.SipGateway.Cluster;
using Routing.SipGateway.Registration;

namespace Routing.SipGateway;

/// <summary>The gateway process: the SIP stack (section <c>Sip</c>), the call handling (<c>Gateway:Calls</c>) and one
/// client of the cluster's edge (<c>Gateway:Cluster</c>).</summary>
public static class SipGatewayHost
{
    public static IHost Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        // appsettings.json beside the binaries, wherever the process is started from.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var services = builder.Services;
        services.AddOptions<ClusterConnectionOptions>().Bind(builder.Configuration.GetSection(ClusterConnectionOptions.SectionName)).ValidateOnStart();
        services.AddOptions<GatewayCallOptions>().Bind(builder.Configuration.GetSection(GatewayCallOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterConnectionOptions>, ClusterConnectionOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayCallOptions>, GatewayCallOptionsValidator>());
        services.AddSingleton(provider => CreateClient(provider.GetRequiredService<IOptions<ClusterConnectionOptions>>().Value, provider.GetRequiredService<ILoggerFactory>()));
        // Every call's interaction is created and followed on this one stream.
        services.AddSingleton(provider => provider.GetRequiredService<RoutingClient>().OpenGatewaySession());
        services.AddSipStack(builder.Configuration.GetSection(SipServiceCollectionExtensions.SectionName));
        // After the stack: hosted services stop in reverse order, so the drain runs while the stack can still answer.
        services.AddHostedService<GatewayDrain>();
        services.AddOptions<HostOptions>().Configure<IOptions<GatewayCallOptions>>((host, calls) =>
            host.ShutdownTimeout = calls.Value.DrainTimeout + TimeSpan.FromSeconds(15));
        services.AddSingleton<EntryPointModes>();
        // Lazy: the stack's hosted service takes the handlers, and the INVITE handler needs the running stack's proxy.
        services.AddSingleton(provider => new Lazy<SipHostedService>(provider.GetRequiredService<SipHostedService>));
        services.AddSingleton<InviteHandler>();
        // The registrar runs when configured (it needs at least a realm); agents' softphones then register here.
        if (builder.Configuration.GetSection("Sip:Registrar").Exists())
        {
            services.AddSipRegistrar(builder.Configuration.GetSection(SipServiceCollectionExtensions.SectionName));
            services.AddSingleton<AgentContactPublisher>();
            services.AddSingleton<ISipRegistrationListener>(provider => provider.GetRequiredService<AgentContactPublisher>());
            services.AddHostedService(provider => provider.GetRequiredService<AgentContactPublisher>());
        }
        services.AddSingleton<ISipRequestHandler>(provider => provider.GetRequiredService<InviteHandler>());
        configureServices?.Invoke(services);
        return builder.Build();
    }

    /// <summary>Reads every options class, so a wrong setting stops start-up before any port is bound; throws
    /// <see cref="OptionsValidationException"/> listing the problems.</summary>
    public static void ValidateOptions(IServiceProvider services)
    {
        _ = services.GetRequiredService<IOptions<ClusterConnectionOptions>>().Value;
        _ = services.GetRequiredService<IOptions<GatewayCallOptions>>().Value;
        _ = services.GetRequiredService<IOptions<Sip.Transport.SipTransportOptions>>().Value;
        _ = services.GetRequiredService<IOptions<Sip.Parsing.SipParserOptions>>().Value;
        _ = services.GetRequiredService<IOptions<Sip.Transactions.SipTransactionOptions>>().Value;
        if (services.GetService<IValidateOptions<SipRegistrarOptions>>() is not null)
        {
            _ = services.GetRequiredService<IOptions<SipRegistrarOptions>>().Value;
        }
    }

    private static RoutingClient CreateClient(ClusterConnectionOptions options, ILoggerFactory loggers)
    {
        var token = new GatewayToken(options);
        var client = new RoutingClientOptions { TokenProvider = token.Current, CallTimeout = options.CallTimeout, LoggerFactory = loggers };
        foreach (var address in options.Addresses)
        {
            client.Addresses.Add(new Uri(address));
        }
        return new RoutingClient(client);
    }
}
