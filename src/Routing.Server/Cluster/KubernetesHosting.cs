using Orleans.Hosting.Kubernetes;

namespace Routing.Server.Cluster;

/// <summary>
/// Orleans' Kubernetes hosting (<c>Routing:Cluster:Kubernetes=true</c>): the silo takes its name from the pod and
/// advertises the pod's IP, labels its pod with the cluster and service ids, and up to two silos watch the pods so a
/// silo whose pod is gone is declared dead at once instead of after failure detection. It supplements Redis or Azure
/// Table clustering, and reads the pod's identity from the environment variables the downward API sets.
/// </summary>
internal static class KubernetesHosting
{
    /// <summary>What the pod must provide; Kubernetes itself sets <c>KUBERNETES_SERVICE_HOST</c> in every pod, the
    /// others come from the downward API (deploy/k8s/silo.yaml).</summary>
    public static readonly string[] RequiredVariables =
    [
        KubernetesHostingOptions.PodNameEnvironmentVariable,
        KubernetesHostingOptions.PodNamespaceEnvironmentVariable,
        KubernetesHostingOptions.PodIPEnvironmentVariable,
        "KUBERNETES_SERVICE_HOST",
    ];

    /// <summary>Every problem with running under Kubernetes hosting, given the process environment.</summary>
    public static IEnumerable<string> Problems(ClusterSettings cluster, Func<string, string?> environment)
    {
        const string setting = $"{ClusterSettings.SectionName}:{nameof(ClusterSettings.Kubernetes)}";
        if (!cluster.SharedClustering)
        {
            yield return $"{setting} needs {nameof(ClusterSettings.Clustering)} {ClusterSettings.Redis} or {ClusterSettings.AzureTable} (Kubernetes hosting supplements a membership store, it is not one)";
        }
        var missing = RequiredVariables.Where(name => string.IsNullOrWhiteSpace(environment(name))).ToList();
        if (missing.Count > 0)
        {
            yield return $"{setting} is true but the environment lacks {string.Join(", ", missing)} (set them from the pod's downward API, or run in a pod)";
        }
        else if (!System.Net.IPAddress.TryParse(environment(KubernetesHostingOptions.PodIPEnvironmentVariable), out _))
        {
            yield return $"{KubernetesHostingOptions.PodIPEnvironmentVariable} must be an IP address, not '{environment(KubernetesHostingOptions.PodIPEnvironmentVariable)}'";
        }
        // Orleans' hosting lets these variables replace the ids; state and reminders are keyed by the service id, so a
        // silo must never quietly join another cluster or service than its settings name.
        foreach (var (variable, name, expected) in new[]
                 {
                     (KubernetesHostingOptions.ClusterIdEnvironmentVariable, nameof(ClusterSettings.ClusterId), cluster.ClusterId),
                     (KubernetesHostingOptions.ServiceIdEnvironmentVariable, nameof(ClusterSettings.ServiceId), cluster.ServiceId),
                 })
        {
            if (environment(variable) is { Length: > 0 } value && !string.Equals(value, expected, StringComparison.Ordinal))
            {
                yield return $"{variable} ('{value}') differs from {ClusterSettings.SectionName}:{name} ('{expected}'): set only the setting";
            }
        }
    }

    /// <summary>The pod's IP from the downward API; only call once <see cref="Problems"/> found none.</summary>
    public static string PodIp() => Environment.GetEnvironmentVariable(KubernetesHostingOptions.PodIPEnvironmentVariable)!;

    /// <summary>Orleans' Kubernetes hosting with its options validated at start.</summary>
    public static ISiloBuilder UseRoutingKubernetesHosting(this ISiloBuilder orleans) =>
        orleans.UseKubernetesHosting(options => options.ValidateOnStart());
}
