using Azure.Data.Tables;
using StackExchange.Redis;

namespace Routing.Server.Cluster;

/// <summary>
/// Where the cluster keeps its membership, grain state and reminders (section <c>Routing:Cluster</c>).
/// The default (localhost clustering, memory state) needs nothing installed and loses everything when
/// the process stops; production uses Redis or Azure Table clustering with Redis or Azure Table grain state
/// (Orleans' own providers for both).
/// </summary>
public sealed class ClusterSettings
{
    public const string SectionName = "Routing:Cluster";

    public const string Localhost = "Localhost";
    public const string Redis = "Redis";
    public const string Memory = "Memory";
    public const string AzureTable = "AzureTable";

    /// <summary>Membership: <c>Localhost</c> (one machine, the first silo holds it), <c>Redis</c> or <c>AzureTable</c>.</summary>
    public string Clustering { get; set; } = Localhost;

    /// <summary>Grain state: <c>Memory</c>, <c>Redis</c> or <c>AzureTable</c>.</summary>
    public string Storage { get; set; } = Memory;

    /// <summary>StackExchange.Redis connection string (e.g. <c>127.0.0.1:6379</c>), for Redis clustering,
    /// storage and reminders.</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>Azure Storage connection string for <c>AzureTable</c> clustering, grain state and reminders
    /// (one storage account for all three).</summary>
    public string? AzureTableConnectionString { get; set; }

    /// <summary>The table grain state is kept in (created if missing). Not the table of the project's former
    /// provider (<c>RoutingGrainState</c>), whose layout Orleans' provider does not read.</summary>
    public string AzureTableName { get; set; } = DefaultAzureTableName;

    public const string DefaultAzureTableName = "RoutingGrains";

    /// <summary>The table silos record their membership in (<c>AzureTable</c> clustering), rows keyed by <see cref="ClusterId"/>.</summary>
    public string AzureMembershipTableName { get; set; } = "RoutingSilos";

    /// <summary>The table reminders are kept in whenever Azure Table storage or clustering is chosen, rows keyed by <see cref="ServiceId"/>.</summary>
    public string AzureReminderTableName { get; set; } = "RoutingReminders";

    /// <summary>Silos with the same cluster id form one cluster; a second cluster on the same Redis
    /// needs its own.</summary>
    public string ClusterId { get; set; } = "routing";

    /// <summary>Stays the same across deployments: grain state and reminders are keyed by it.</summary>
    public string ServiceId { get; set; } = "routing";

    /// <summary>The IP address other silos reach this one at with Redis clustering (a pod's IP in
    /// Kubernetes). The silo then listens on every interface; 127.0.0.1 (the default) keeps it on loopback.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Orleans' Kubernetes hosting (see <see cref="KubernetesHosting"/>): the silo's name and advertised address
    /// come from the pod (<c>POD_NAME</c>, <c>POD_IP</c>), replacing <see cref="AdvertisedAddress"/>, and silos whose pod is
    /// gone are declared dead. Needs Redis or Azure Table clustering and a service account that may read, list, watch and
    /// patch pods (deploy/k8s/rbac.yaml).</summary>
    public bool Kubernetes { get; set; }

    /// <summary>How long a grain call may wait for its answer (Orleans' response timeout; configuration
    /// applies are exempt). Shorter than the clients' call timeout (15 s by default), so a call held up by a
    /// dying silo is answered UNAVAILABLE in time for the client to retry it on another server.</summary>
    public TimeSpan GrainCallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a silo waits for a probe answer before counting it missed. With
    /// <see cref="MissedProbesLimit"/> this sets how soon a crashed silo is declared dead.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes in a row before a silo votes another dead.</summary>
    public int MissedProbesLimit { get; set; } = 2;

    /// <summary>How long after a silo fails Orleans may take to declare it dead: probes time out at up to four times
    /// <see cref="ProbeTimeout"/> (Orleans' maximum), <see cref="MissedProbesLimit"/> of them in a row.</summary>
    public TimeSpan FailureDetectionWindow => ProbeTimeout * 4 * MissedProbesLimit;

    /// <summary>True when grain state outlives the process, so interactions are recoverable after a crash.</summary>
    public bool DurableState => !IsMemory(Storage);

    /// <summary>Where reminders are kept: with the grain state when it is durable (so a scheduled callback's
    /// reminder lives as long as the callback), else with the membership; in memory with neither.</summary>
    public string Reminders => !IsMemory(Storage) ? Storage : Is(Clustering, Localhost) ? Memory : Clustering;

    public bool RedisReminders => Is(Reminders, Redis);

    public bool AzureTableReminders => Is(Reminders, AzureTable);

    public bool RedisClustering => Is(Clustering, Redis);

    public bool AzureTableClustering => Is(Clustering, AzureTable);

    /// <summary>Membership in a store every machine reaches (Redis or Azure Table): silos may run on several machines.</summary>
    public bool SharedClustering => !Is(Clustering, Localhost);

    public bool RedisStorage => Is(Storage, Redis);

    public bool AzureTableStorage => Is(Storage, AzureTable);

    /// <summary>True when Redis serves anything (clustering, state or reminders).</summary>
    public bool UsesRedis => RedisClustering || RedisStorage;

    /// <summary>True when Azure Table storage serves anything (clustering, state or reminders).</summary>
    public bool UsesAzureTable => AzureTableClustering || AzureTableStorage;

    /// <summary>Every problem with these settings; empty when usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Is(Clustering, Localhost) && !Is(Clustering, Redis) && !Is(Clustering, AzureTable))
        {
            yield return $"{SectionName}:{nameof(Clustering)} must be {Localhost}, {Redis} or {AzureTable}, not '{Clustering}'";
        }
        if (!IsMemory(Storage) && !Is(Storage, Redis) && !Is(Storage, AzureTable))
        {
            yield return $"{SectionName}:{nameof(Storage)} must be {Memory}, {Redis} or {AzureTable}, not '{Storage}'";
        }
        if (UsesRedis && RedisProblem() is { } redis)
        {
            yield return redis;
        }
        if (UsesAzureTable)
        {
            foreach (var azure in AzureTableProblems())
            {
                yield return azure;
            }
        }
        if (string.IsNullOrWhiteSpace(ClusterId) || string.IsNullOrWhiteSpace(ServiceId))
        {
            yield return $"{SectionName}:{nameof(ClusterId)} and {nameof(ServiceId)} cannot be empty";
        }
        if (!System.Net.IPAddress.TryParse(AdvertisedAddress, out _))
        {
            yield return $"{SectionName}:{nameof(AdvertisedAddress)} must be an IP address, not '{AdvertisedAddress}'";
        }
        if (ProbeTimeout < TimeSpan.FromMilliseconds(200) || ProbeTimeout > TimeSpan.FromMinutes(1))
        {
            yield return $"{SectionName}:{nameof(ProbeTimeout)} must be between 00:00:00.2 and 00:01:00 (is {ProbeTimeout})";
        }
        if (GrainCallTimeout < TimeSpan.FromSeconds(1) || GrainCallTimeout > TimeSpan.FromMinutes(5))
        {
            yield return $"{SectionName}:{nameof(GrainCallTimeout)} must be between 00:00:01 and 00:05:00 (is {GrainCallTimeout})";
        }
        if (Kubernetes)
        {
            foreach (var kubernetes in KubernetesHosting.Problems(this, Environment.GetEnvironmentVariable))
            {
                yield return kubernetes;
            }
        }
        if (MissedProbesLimit is < 1 or > 10)
        {
            yield return $"{SectionName}:{nameof(MissedProbesLimit)} must be between 1 and 10 (is {MissedProbesLimit})";
        }
    }

    /// <summary>The parsed Redis connection string; only call when <see cref="Problems"/> is empty.</summary>
    public ConfigurationOptions RedisOptions()
    {
        var options = ConfigurationOptions.Parse(RedisConnectionString!);
        // Reconnect in the background after an outage instead of failing every later call.
        options.AbortOnConnectFail = false;
        return options;
    }

    private string? RedisProblem()
    {
        if (string.IsNullOrWhiteSpace(RedisConnectionString))
        {
            return $"{SectionName}:{nameof(RedisConnectionString)} is required when {nameof(Clustering)} or {nameof(Storage)} is {Redis}";
        }
        try
        {
            return ConfigurationOptions.Parse(RedisConnectionString).EndPoints.Count == 0
                ? $"{SectionName}:{nameof(RedisConnectionString)} names no server ('{RedisConnectionString}')"
                : null;
        }
        catch (ArgumentException e)
        {
            return $"{SectionName}:{nameof(RedisConnectionString)} is not a valid Redis connection string: {e.Message}";
        }
    }

    /// <summary>A client of the Azure Table service the settings name; only call when <see cref="Problems"/> is empty.
    /// Azure.Data.Tables retries a failed call itself (exponential back-off).</summary>
    public TableServiceClient AzureTableService() => new(AzureTableConnectionString);

    private IEnumerable<string> AzureTableProblems()
    {
        if (string.IsNullOrWhiteSpace(AzureTableConnectionString))
        {
            yield return $"{SectionName}:{nameof(AzureTableConnectionString)} is required when {nameof(Clustering)} or {nameof(Storage)} is {AzureTable}";
        }
        else if (AzureConnectionProblem() is { } connection)
        {
            // The message never repeats the string: it carries the account key.
            yield return $"{SectionName}:{nameof(AzureTableConnectionString)} is not a valid Azure Storage connection string: {connection}";
        }
        foreach (var (setting, name) in new[]
                 {
                     (nameof(AzureTableName), AzureTableName),
                     (nameof(AzureMembershipTableName), AzureMembershipTableName),
                     (nameof(AzureReminderTableName), AzureReminderTableName),
                 })
        {
            if (!AzureTableNames.IsValid(name))
            {
                yield return $"{SectionName}:{setting} must be 3–63 letters or digits starting with a letter (not 'tables'), not '{name}'";
            }
        }
    }

    private string? AzureConnectionProblem()
    {
        try
        {
            _ = AzureTableService();
            return null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return e.Message;
        }
    }

    private static bool IsMemory(string value) => Is(value, Memory);

    private static bool Is(string value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);
}
