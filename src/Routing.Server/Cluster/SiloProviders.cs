using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Routing.Grains;
using Routing.Server.Telemetry;

namespace Routing.Server.Cluster;

/// <summary>Chooses the silo's clustering, grain storage and reminder providers from <see cref="ClusterSettings"/>:
/// Orleans' own packages for Redis and Azure Table storage.</summary>
internal static class SiloProviders
{
    /// <summary>The name Orleans' Azure Table grain storage is registered under; the grains reach it through
    /// <see cref="EscapedKeyGrainStorage"/> under <see cref="RoutingSiloBuilderExtensions.StorageName"/>.</summary>
    private const string AzureTableStorageName = RoutingSiloBuilderExtensions.StorageName + "-azure-table";

    /// <summary>The name the chosen grain storage is registered under (the key grain state is stored by does not
    /// include it); the grains reach it through <see cref="TimedGrainStorage"/> under
    /// <see cref="RoutingSiloBuilderExtensions.StorageName"/>.</summary>
    private const string ProviderStorageName = RoutingSiloBuilderExtensions.StorageName + "-provider";

    public static ISiloBuilder UseRoutingCluster(this ISiloBuilder orleans, ClusterSettings cluster, LocalSiloOptions silo)
    {
        orleans.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = cluster.ClusterId;
            options.ServiceId = cluster.ServiceId;
        });
        orleans.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = cluster.GrainCallTimeout);
        // The strongly consistent directory: with the default one, a silo's death loses the directory entries it held,
        // so a second activation of a live grain could start elsewhere (seen after kill -9: two activations of an
        // interaction or a queue, conflicting writes, a call left Connected). Its range lease (how long the dead silo's
        // grains cannot be registered again) counts from the estimated failure, the failure-detection window before the
        // declaration; set to that window, registrations open again as the silo is declared dead, instead of 14 s later.
#pragma warning disable ORLEANSEXP003 // Marked for evaluation in Orleans 10; it is the directory Orleans documents for this need.
        orleans.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
        orleans.Configure<GrainDirectoryOptions>(options => options.RangeLeaseDuration = cluster.FailureDetectionWindow);
        orleans.Configure<ClusterMembershipOptions>(options =>
        {
            // Failure detection (see deploy/README.md): a crashed silo is declared dead after about
            // MissedProbesLimit × ProbeTimeout, instead of Orleans' default of roughly 30 s.
            options.ProbeTimeout = cluster.ProbeTimeout;
            options.NumMissedProbesLimit = cluster.MissedProbesLimit;
        });
        UseClustering(orleans, cluster, silo);
        AddGrainStorage(orleans, cluster);
        UseReminders(orleans, cluster);
        return orleans;
    }

    private static void UseClustering(ISiloBuilder orleans, ClusterSettings cluster, LocalSiloOptions silo)
    {
        if (!cluster.SharedClustering)
        {
            var primary = silo.PrimarySiloPort > 0 ? new IPEndPoint(IPAddress.Loopback, silo.PrimarySiloPort) : null;
            orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, primary, cluster.ServiceId, cluster.ClusterId);
            return;
        }
        if (cluster.Kubernetes)
        {
            orleans.UseRoutingKubernetesHosting();
        }
        orleans.Configure<EndpointOptions>(options =>
        {
            // In a pod, the pod's IP (validated at start-up): set here, because Orleans' own default (the machine's first
            // address) fills the advertised address before the Kubernetes hosting would.
            options.AdvertisedIPAddress = IPAddress.Parse(cluster.Kubernetes ? KubernetesHosting.PodIp() : cluster.AdvertisedAddress);
            if (!IPAddress.IsLoopback(options.AdvertisedIPAddress))
            {
                options.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, silo.SiloPort);
                options.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, silo.GatewayPort);
            }
            options.SiloPort = silo.SiloPort;
            options.GatewayPort = silo.GatewayPort;
        });
        if (cluster.RedisClustering)
        {
            orleans.UseRedisClustering(options => options.ConfigurationOptions = cluster.RedisOptions());
        }
        else
        {
            orleans.UseAzureStorageClustering(options =>
            {
                options.TableServiceClient = cluster.AzureTableService();
                options.TableName = cluster.AzureMembershipTableName;
            });
        }
    }

    private static void AddGrainStorage(ISiloBuilder orleans, ClusterSettings cluster)
    {
        // The provider is registered under a name of its own; the grains reach it under StorageName through
        // TimedGrainStorage, which times its writes for the metrics (README "Metrics and traces").
        if (cluster.RedisStorage)
        {
            orleans.AddRedisGrainStorage(ProviderStorageName, options =>
            {
                options.ConfigurationOptions = cluster.RedisOptions();
                // A cleared state (a finished interaction past its retention) leaves no key behind.
                options.DeleteStateOnClear = true;
            });
        }
        else if (cluster.AzureTableStorage)
        {
            // State in binary "Data" properties through the host's IGrainStorageSerializer: AddRouting registers
            // Orleans' binary serializer, which our [GenerateSerializer] state types are written for.
            orleans.AddAzureTableGrainStorage(AzureTableStorageName, options =>
            {
                options.TableServiceClient = cluster.AzureTableService();
                options.TableName = cluster.AzureTableName;
                // A cleared state leaves no row behind (Orleans' default keeps an empty one).
                options.DeleteStateOnClear = true;
            });
            orleans.Services.AddGrainStorage(ProviderStorageName,
                (services, _) => new EscapedKeyGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(AzureTableStorageName)));
        }
        else
        {
            orleans.AddMemoryGrainStorage(ProviderStorageName);
        }
        orleans.Services.TryAddSingleton<GrainStateMetrics>();
        orleans.Services.AddGrainStorage(RoutingSiloBuilderExtensions.StorageName, (services, _) => new TimedGrainStorage(
            services.GetRequiredKeyedService<IGrainStorage>(ProviderStorageName), services.GetRequiredService<GrainStateMetrics>()));
    }

    private static void UseReminders(ISiloBuilder orleans, ClusterSettings cluster)
    {
        if (cluster.RedisReminders)
        {
            orleans.UseRedisReminderService(options => options.ConfigurationOptions = cluster.RedisOptions());
        }
        else if (cluster.AzureTableReminders)
        {
            orleans.UseAzureTableReminderService(options =>
            {
                options.TableServiceClient = cluster.AzureTableService();
                options.TableName = cluster.AzureReminderTableName;
            });
        }
        else
        {
            orleans.UseInMemoryReminderService();
        }
    }
}
