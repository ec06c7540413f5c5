using Routing.Contracts.V1;

namespace Routing.Server.Edge.Admin;

/// <summary>Reads the cluster's silos and their activation counts from Orleans' management grain.</summary>
internal static class ClusterStatusReader
{
    public static async Task<ClusterStatus> ReadAsync(IGrainFactory grains)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: false);
        var live = hosts.Where(h => h.Value is not SiloStatus.Dead and not SiloStatus.None).ToDictionary(h => h.Key, h => h.Value);
        var statistics = await management.GetSimpleGrainStatistics([.. live.Keys]);
        var status = new ClusterStatus();
        foreach (var (silo, siloStatus) in live.OrderBy(h => h.Key.ToParsableString(), StringComparer.Ordinal))
        {
            var mine = statistics.Where(s => s.SiloAddress == silo).ToList();
            status.Silos.Add(new SiloInfo
            {
                Address = silo.ToParsableString(),
                Status = siloStatus.ToString(),
                Agents = Count(mine, "AgentGrain"),
                Queues = Count(mine, "QueueGrain"),
                Interactions = Count(mine, "InteractionGrain"),
                Activations = mine.Sum(s => s.ActivationCount),
            });
        }
        return status;
    }

    private static int Count(IEnumerable<SimpleGrainStatistic> statistics, string grainClass) =>
        statistics.Where(s => s.GrainType.EndsWith(grainClass, StringComparison.Ordinal) || s.GrainType.Contains("." + grainClass + ",", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
}
