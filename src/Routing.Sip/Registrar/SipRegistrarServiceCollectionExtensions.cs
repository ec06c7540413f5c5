using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Routing.Sip.Authentication;
using Routing.Sip.Core;

namespace Routing.Sip.Registrar;

public static class SipRegistrarServiceCollectionExtensions
{
    /// <summary>Adds the registrar as the REGISTER handler of the stack, its options bound from the <c>Registrar</c>
    /// child of <paramref name="sipSection"/> (the section given to <c>AddSipStack</c>) and validated at start-up.
    /// Accounts come from the configured ones unless an <see cref="ISipCredentialStore"/> is registered; register
    /// <see cref="ISipRegistrationListener"/>s to hear of binding changes.</summary>
    public static IServiceCollection AddSipRegistrar(this IServiceCollection services, IConfiguration sipSection)
    {
        services.AddOptions<SipRegistrarOptions>().Bind(sipSection.GetSection("Registrar")).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SipRegistrarOptions>, SipRegistrarOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISipCredentialStore>(provider => ConfiguredAccounts(provider.GetRequiredService<IOptions<SipRegistrarOptions>>().Value));
        services.TryAddSingleton(provider => new SipRegistrar(
            provider.GetRequiredService<IOptions<SipRegistrarOptions>>().Value,
            provider.GetRequiredService<ISipCredentialStore>(),
            provider.GetServices<ISipRegistrationListener>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<SipRegistrar>>()));
        services.AddSingleton<ISipRequestHandler>(provider => provider.GetRequiredService<SipRegistrar>());
        return services;
    }

    // HA1 values go into the digest in lower case (RFC 7616 §3.4.1), whatever case the configuration wrote them in.
    private static InMemorySipCredentialStore ConfiguredAccounts(SipRegistrarOptions options) =>
        new(options.Accounts.Select(a => new SipAccount(a.Username, options.Realm, a.Ha1Sha256?.ToLowerInvariant(), a.Ha1Md5?.ToLowerInvariant())));
}
