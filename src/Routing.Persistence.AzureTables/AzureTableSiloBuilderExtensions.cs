using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Routing.Persistence.AzureTables;

/// <summary>Registers the Azure Table grain-storage provider on a silo.</summary>
public static class AzureTableSiloBuilderExtensions
{
    /// <summary>Adds a grain-storage provider named <paramref name="name"/> that keeps state in Azure Table
    /// storage. Options are validated when the host starts; the table is created at silo start.</summary>
    public static ISiloBuilder AddAzureTableGrainStorage(
        this ISiloBuilder builder, string name, Action<AzureTableGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddAzureTableGrainStorage(name, options => options.Configure(configure));
    }

    /// <summary>Adds a grain-storage provider named <paramref name="name"/>, configured through an options
    /// builder (e.g. <c>o => o.BindConfiguration("Storage:Azure")</c>).</summary>
    public static ISiloBuilder AddAzureTableGrainStorage(
        this ISiloBuilder builder, string name, Action<OptionsBuilder<AzureTableGrainStorageOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);

        var services = builder.Services;
        configure(services.AddOptions<AzureTableGrainStorageOptions>(name).ValidateOnStart());
        services.AddSingleton<IValidateOptions<AzureTableGrainStorageOptions>>(new AzureTableGrainStorageOptionsValidator(name));
        services.AddTransient<IPostConfigureOptions<AzureTableGrainStorageOptions>,
            DefaultStorageProviderSerializerOptionsConfigurator<AzureTableGrainStorageOptions>>();
        services.AddGrainStorage(name, static (sp, providerName) => new AzureTableGrainStorage(
            providerName,
            sp.GetRequiredService<IOptionsMonitor<AzureTableGrainStorageOptions>>().Get(providerName),
            sp.GetRequiredService<IOptions<ClusterOptions>>(),
            sp.GetRequiredService<IActivatorProvider>(),
            sp.GetRequiredService<ILogger<AzureTableGrainStorage>>()));
        return builder;
    }
}
