using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Routing.Sip.Core;
using Routing.Sip.Parsing;
using Routing.Sip.Transactions;
using Routing.Sip.Transport;

namespace Routing.Sip;

public static class SipServiceCollectionExtensions
{
    /// <summary>The configuration section the stack reads: <c>Sip:Transport</c>, <c>Sip:Parser</c>,
    /// <c>Sip:Transactions</c> and <c>Sip:Core</c>.</summary>
    public const string SectionName = "Sip";

    /// <summary>Adds the SIP stack as a hosted service, its options bound from <paramref name="section"/> and validated
    /// at start-up (a wrong setting stops the host with every problem listed). Register the method handlers
    /// (<see cref="ISipRequestHandler"/>) as singletons.</summary>
    public static IServiceCollection AddSipStack(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<SipTransportOptions>().Bind(section.GetSection("Transport")).ValidateOnStart();
        services.AddOptions<SipParserOptions>().Bind(section.GetSection("Parser")).ValidateOnStart();
        services.AddOptions<SipTransactionOptions>().Bind(section.GetSection("Transactions")).ValidateOnStart();
        services.AddOptions<SipCoreOptions>().Bind(section.GetSection("Core"));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SipTransportOptions>, SipTransportOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SipParserOptions>, SipParserOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SipTransactionOptions>, SipTransactionOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SipHostedService>();
        services.AddHostedService(provider => provider.GetRequiredService<SipHostedService>());
        return services;
    }
}
