using Routing.Cluster.Tests.Infrastructure;

namespace Routing.Cluster.Tests;

/// <summary>Redis (append-only, fsync always) killed and restarted under load.</summary>
[Collection(ProcessCollection.Name)]
public sealed class StorageOutageTests
{
    [Fact]
    public async Task Restarting_Redis_under_load_loses_no_acknowledged_call()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await ProcessCluster.StartAsync(silos: 3, salesAgents: 18, heldAgents: 0, ct);
        await using var scenario = await LoadScenario.StartUnderLoadAsync(cluster, TimeSpan.FromSeconds(3), ct);

        await cluster.Redis.KillAsync();
        var outage = scenario.Ledger.Now;
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        await cluster.Redis.RestartAsync(ct);
        var restored = scenario.Ledger.Now;
        await Task.Delay(TimeSpan.FromSeconds(8), ct);
        await scenario.StopLoadAsync();

        await scenario.AssertNothingLostAsync();
        Assert.All(cluster.Silos, s => Assert.False(s.HasExited, "a silo died with the storage outage"));
        Figures.Record("Redis restart", $"{(restored - outage).TotalSeconds:0.0} s outage: {scenario.Ledger.FailedCreates} creates refused (UNAVAILABLE) meanwhile, " +
            $"{scenario.Ledger.Acknowledged.Count} acknowledged, all completed once");
    }
}
