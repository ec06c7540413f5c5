using Routing.Contracts.V1;

namespace Routing.Server.Edge.Admin;

/// <summary>Reads the cluster's silos and their activation counts from Orleans' management grain.</summary>
internal static class ClusterStatusReader
{
    /// <summary>Every tenant's activations: for an operator.</summary>
    public static async Task<ClusterStatus> ReadAllAsync(IGrainFactory grains)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var live = await LiveSilosAsync(management);
        var statistics = await management.GetSimpleGrainStatistics([.. live.Keys]);
        return Build(live, statistics.Select(s => (s.SiloAddress, s.GrainType, s.ActivationCount)), tenantId: string.Empty);
    }

    /// <summary>Only <paramref name="tenantId"/>'s grains (keys <c>tenant</c> or <c>tenant/…</c>): an admin of
    /// one tenant learns nothing of another's load.</summary>
    public static async Task<ClusterStatus> ReadTenantAsync(IGrainFactory grains, string tenantId)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var live = await LiveSilosAsync(management);
        var detailed = await management.GetDetailedGrainStatistics(types: null, hostsIds: [.. live.Keys]);
        var prefix = tenantId + "/";
        var mine = detailed
            .Where(d => d.GrainId.Key.ToString() is var key && (key == tenantId || key.StartsWith(prefix, StringComparison.Ordinal)))
            .Select(d => (d.SiloAddress, d.GrainType, 1));
        return Build(live, mine, tenantId);
    }

    private static async Task<Dictionary<SiloAddress, SiloStatus>> LiveSilosAsync(IManagementGrain management)
    {
        var hosts = await management.GetHosts(onlyActive: false);
        return hosts.Where(h => h.Value is not SiloStatus.Dead and not SiloStatus.None).ToDictionary(h => h.Key, h => h.Value);
    }

    private static ClusterStatus Build(
        Dictionary<SiloAddress, SiloStatus> live, IEnumerable<(SiloAddress Silo, string GrainType, int Count)> activations, string tenantId)
    {
        var all = activations.ToList();
        var status = new ClusterStatus { TenantId = tenantId };
        foreach (var (silo, siloStatus) in live.OrderBy(h => h.Key.ToParsableString(), StringComparer.Ordinal))
        {
            var mine = all.Where(a => a.Silo == silo).ToList();
            status.Silos.Add(new SiloInfo
            {
                Address = silo.ToParsableString(),
                Status = siloStatus.ToString(),
                Agents = Count(mine, "AgentGrain"),
                Queues = Count(mine, "QueueGrain"),
                Interactions = Count(mine, "InteractionGrain"),
                Activations = mine.Sum(a => a.Count),
            });
        }
        return status;
    }

    private static int Count(IEnumerable<(SiloAddress Silo, string GrainType, int Count)> activations, string grainClass) =>
        activations.Where(a => a.GrainType.EndsWith(grainClass, StringComparison.Ordinal) || a.GrainType.Contains("." + grainClass + ",", StringComparison.Ordinal)).Sum(a => a.Count);
}
