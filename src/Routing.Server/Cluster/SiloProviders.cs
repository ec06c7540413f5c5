using System.Net;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Routing.Grains;
using Routing.Persistence.AzureTables;

namespace Routing.Server.Cluster;

/// <summary>Chooses the silo's clustering, grain storage and reminder providers from <see cref="ClusterSettings"/>.</summary>
internal static class SiloProviders
{
    public static ISiloBuilder UseRoutingCluster(this ISiloBuilder orleans, ClusterSettings cluster, LocalSiloOptions silo)
    {
        orleans.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = cluster.ClusterId;
            options.ServiceId = cluster.ServiceId;
        });
        orleans.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = cluster.GrainCallTimeout);
        orleans.Configure<ClusterMembershipOptions>(options =>
        {
            // Failure detection (see deploy/README.md): a crashed silo is declared dead after about
            // MissedProbesLimit × ProbeTimeout, instead of Orleans' default of roughly 30 s.
            options.ProbeTimeout = cluster.ProbeTimeout;
            options.NumMissedProbesLimit = cluster.MissedProbesLimit;
        });
        if (cluster.RedisClustering)
        {
            orleans.Configure<EndpointOptions>(options =>
            {
                options.AdvertisedIPAddress = IPAddress.Parse(cluster.AdvertisedAddress);
                if (!IPAddress.IsLoopback(options.AdvertisedIPAddress))
                {
                    options.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, silo.SiloPort);
                    options.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, silo.GatewayPort);
                }
                options.SiloPort = silo.SiloPort;
                options.GatewayPort = silo.GatewayPort;
            });
            orleans.UseRedisClustering(options => options.ConfigurationOptions = cluster.RedisOptions());
        }
        else
        {
            var primary = silo.PrimarySiloPort > 0 ? new IPEndPoint(IPAddress.Loopback, silo.PrimarySiloPort) : null;
            orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, primary, cluster.ServiceId, cluster.ClusterId);
        }

        if (cluster.RedisStorage)
        {
            orleans.AddRedisGrainStorage(RoutingSiloBuilderExtensions.StorageName, options => options.ConfigurationOptions = cluster.RedisOptions());
        }
        else if (cluster.AzureTableStorage)
        {
            orleans.AddAzureTableGrainStorage(RoutingSiloBuilderExtensions.StorageName, options =>
            {
                options.ConnectionString = cluster.AzureTableConnectionString;
                options.TableName = cluster.AzureTableName;
            });
        }
        else
        {
            orleans.AddMemoryGrainStorage(RoutingSiloBuilderExtensions.StorageName);
        }

        if (cluster.RedisReminders)
        {
            orleans.UseRedisReminderService(options => options.ConfigurationOptions = cluster.RedisOptions());
        }
        else
        {
            orleans.UseInMemoryReminderService();
        }
        return orleans;
    }
}
