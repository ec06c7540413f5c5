using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;

namespace Routing.Server.Tests.Startup;

/// <summary>
/// With <c>Routing:Cluster:Kubernetes=true</c> in a pod, the silo takes its identity from the pod: its name is the pod's,
/// it advertises the pod's IP and listens on every interface, and the ids stay the settings'. Built, not started (a
/// started silo would call the Kubernetes API); the pod's variables are set for this test only.
/// </summary>
[Collection(PodEnvironmentCollection.Name)]
public sealed class KubernetesHostingTests
{
    private static readonly Dictionary<string, string> Pod = new()
    {
        [KubernetesHostingOptions.PodNameEnvironmentVariable] = "routing-silo-5c7d9-x2k4q",
        [KubernetesHostingOptions.PodNamespaceEnvironmentVariable] = "routing",
        [KubernetesHostingOptions.PodIPEnvironmentVariable] = "10.244.1.17",
        ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1",
    };

    [Fact]
    public async Task InAPod_TheSiloIsNamedAfterThePod_AdvertisesItsIp_AndKeepsTheConfiguredIds()
    {
        foreach (var (name, value) in Pod)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
        try
        {
            await using var app = RoutingServerHost.Build(
            [
                "--Routing:Cluster:Kubernetes=true",
                "--Routing:Cluster:Clustering=Redis",
                "--Routing:Cluster:RedisConnectionString=127.0.0.1:6379",
                "--Routing:Cluster:ClusterId=blue",
                "--Routing:Cluster:ServiceId=contact-centre",
                "--Routing:Edge:Auth:SigningKey=kubernetes-hosting-test-key-0123456789abcdef",
            ]);

            Assert.Empty(app.Services.GetRequiredService<IOptions<Routing.Server.Cluster.ClusterSettings>>().Value.Problems());
            var endpoints = app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
            Assert.Equal(IPAddress.Parse("10.244.1.17"), endpoints.AdvertisedIPAddress);
            Assert.Equal(new IPEndPoint(IPAddress.Any, endpoints.SiloPort), endpoints.SiloListeningEndpoint);
            Assert.Equal("routing-silo-5c7d9-x2k4q", app.Services.GetRequiredService<IOptions<SiloOptions>>().Value.SiloName);
            var ids = app.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
            Assert.Equal(("blue", "contact-centre"), (ids.ClusterId, ids.ServiceId));
        }
        finally
        {
            foreach (var name in Pod.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }
}

/// <summary>Tests that set a pod's environment variables in this process run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PodEnvironmentCollection
{
    public const string Name = "pod environment";
}
