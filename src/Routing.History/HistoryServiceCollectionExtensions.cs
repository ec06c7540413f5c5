using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Routing.History.PersonalData;
using Routing.History.Reports;

namespace Routing.History;

public static class HistoryServiceCollectionExtensions
{
    /// <summary>
    /// Adds the history store chosen by the <c>History</c> section (validated at start-up: a wrong provider or
    /// connection string stops the host with a message naming the setting) and the <see cref="IHistoryRecorder"/>,
    /// a hosted service that migrates the schema and writes in the background. Register it before the silo, so that
    /// it stops after the silo and stores what the grains recorded while they shut down.
    /// </summary>
    public static IServiceCollection AddRoutingHistory(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRoutingHistoryStore(configuration);
        services.TryAddSingleton<IHistoryFactProtector, PersonalDataProtector>();
        services.TryAddSingleton<HistoryRecorder>();
        services.TryAddSingleton<IHistoryRecorder>(provider => provider.GetRequiredService<HistoryRecorder>());
        services.AddHostedService(provider => provider.GetRequiredService<HistoryRecorder>());
        return services;
    }

    /// <summary>
    /// Adds the history store of the <c>History</c> section (validated at start-up) and its report queries, without the
    /// recorder: for a process that reads history (the report service) whether or not it also writes it. The reports
    /// bring the schema up to date before their first query. Safe to call with <see cref="AddRoutingHistory"/> too.
    /// </summary>
    public static IServiceCollection AddRoutingHistoryStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HistoryOptions>().Bind(configuration.GetSection(HistoryOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HistoryOptions>, HistoryOptionsValidator>());
        services.TryAddSingleton(provider => HistoryStoreFactory.Create(
            provider.GetRequiredService<IOptions<HistoryOptions>>().Value, provider.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton<IHistoryReports>(provider => new MigratedReports(provider.GetRequiredService<IHistoryStore>()));
        // The store keeps the event feed (and migrates before its first read).
        services.TryAddSingleton(provider => (Feed.IEventFeed)provider.GetRequiredService<IHistoryStore>());
        services.TryAddSingleton(provider => (Webhooks.IWebhookStore)provider.GetRequiredService<IHistoryStore>());
        services.AddRoutingPersonalData(configuration);
        return services;
    }

    /// <summary>
    /// Adds the tenants' personal data keys (section <c>History:PersonalData</c>, validated at start-up), the reader that
    /// unmasks for permitted callers, and, unless the host brings the tenants' own policies, the default policy (mask)
    /// for every tenant.
    /// </summary>
    public static IServiceCollection AddRoutingPersonalData(this IServiceCollection services, IConfiguration configuration)
    {
        // Once: binding the section twice would append each tenant's key list to itself.
        if (services.Any(descriptor => descriptor.ServiceType == typeof(PersonalDataKeyRing)))
        {
            return services;
        }
        services.AddOptions<PersonalDataOptions>().Bind(configuration.GetSection(PersonalDataOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PersonalDataOptions>, PersonalDataOptionsValidator>());
        services.TryAddSingleton<PersonalDataKeyRing>();
        services.TryAddSingleton<PersonalDataReader>();
        services.TryAddSingleton<IPersonalDataPolicies, DefaultPersonalDataPolicies>();
        return services;
    }
}
