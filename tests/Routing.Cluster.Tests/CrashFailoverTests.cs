using Routing.Cluster.Tests.Infrastructure;

namespace Routing.Cluster.Tests;

/// <summary>
/// kill -9 of one of three silo processes sharing Redis (clustering, state, reminders) under load: the scenario
/// of <see cref="KillUnderLoad"/>. Its Azure Table twin is in <see cref="AzureTableClusterTests"/>.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class CrashFailoverTests
{
    [Fact]
    public async Task Killing_a_silo_under_load_loses_no_call_and_rings_nothing_twice()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await ProcessCluster.StartAsync(KillUnderLoad.Silos, KillUnderLoad.SalesAgents, KillUnderLoad.HeldAgents, ct);
        await KillUnderLoad.RunAsync(cluster, "kill -9", ct);
    }
}
