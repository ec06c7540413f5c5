using Routing.Server.Cluster;
using Routing.Server.Shutdown;

namespace Routing.Server.Tests.Startup;

/// <summary>The settings a deployment adds (Kubernetes hosting, graceful shutdown) refuse what cannot work, every
/// problem at once, before the silo starts.</summary>
public sealed class DeploymentSettingsTests
{
    private static readonly Dictionary<string, string> Pod = new()
    {
        ["POD_NAME"] = "routing-silo-7d9f-abcde",
        ["POD_NAMESPACE"] = "routing",
        ["POD_IP"] = "10.1.2.3",
        ["KUBERNETES_SERVICE_HOST"] = "10.0.0.1",
    };

    private static readonly ClusterSettings OnRedis = new() { Clustering = ClusterSettings.Redis, Storage = ClusterSettings.Redis, RedisConnectionString = "redis:6379", Kubernetes = true };

    [Fact]
    public void Kubernetes_InAPodWithRedisClustering_HasNoProblem()
    {
        Assert.Empty(KubernetesHosting.Problems(OnRedis, Pod.GetValueOrDefault));
    }

    [Fact]
    public void Kubernetes_OutsideAPod_WithLocalhostClustering_NamesTheClusteringAndEveryMissingVariable()
    {
        var local = new ClusterSettings { Kubernetes = true };

        var problems = KubernetesHosting.Problems(local, _ => null).ToList();

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("Routing:Cluster:Kubernetes needs Clustering Redis or AzureTable", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("Routing:Cluster:Kubernetes is true but the environment lacks POD_NAME, POD_NAMESPACE, POD_IP, KUBERNETES_SERVICE_HOST", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Kubernetes_WithAnOrleansServiceIdOtherThanTheSetting_IsRefused()
    {
        var environment = new Dictionary<string, string>(Pod) { ["ORLEANS_SERVICE_ID"] = "someone-else", ["ORLEANS_CLUSTER_ID"] = "routing" };

        var problem = Assert.Single(KubernetesHosting.Problems(OnRedis, environment.GetValueOrDefault));

        Assert.Equal("ORLEANS_SERVICE_ID ('someone-else') differs from Routing:Cluster:ServiceId ('routing'): set only the setting", problem);
    }

    [Fact]
    public void Kubernetes_WithAPodIpThatIsNoAddress_IsRefused()
    {
        var environment = new Dictionary<string, string>(Pod) { ["POD_IP"] = "pod-ip" };

        Assert.Equal("POD_IP must be an IP address, not 'pod-ip'", Assert.Single(KubernetesHosting.Problems(OnRedis, environment.GetValueOrDefault)));
    }

    [Fact]
    public void Shutdown_OutOfRange_EveryProblemAtOnce()
    {
        var shutdown = new ShutdownOptions { DrainDelay = TimeSpan.FromMinutes(10), Timeout = TimeSpan.FromSeconds(1) };

        var problems = shutdown.Problems().ToList();

        Assert.Equal(2, problems.Count);
        Assert.Contains("Routing:Shutdown:DrainDelay must be between 00:00:00 and 00:05:00 (is 00:10:00)", problems);
        Assert.Contains("Routing:Shutdown:Timeout must be between 00:00:05 and 00:30:00 (is 00:00:01)", problems);
    }
}
