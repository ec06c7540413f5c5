using Routing.Cluster.Tests.Infrastructure;

namespace Routing.Cluster.Tests;

/// <summary>Silos stopped gracefully (SIGTERM) or added under load.</summary>
[Collection(ProcessCollection.Name)]
public sealed class ScalingTests
{
    [Fact]
    public async Task Stopping_a_silo_with_SIGTERM_under_load_fails_no_call_and_moves_agent_streams()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await ProcessCluster.StartAsync(silos: 3, salesAgents: 18, heldAgents: 0, ct);
        await using var scenario = await LoadScenario.StartUnderLoadAsync(cluster, TimeSpan.FromSeconds(4), ct);

        var started = scenario.Ledger.Now;
        Assert.Equal(0, await cluster.Silos[1].TerminateAsync(TimeSpan.FromSeconds(60)));
        var stopTime = scenario.Ledger.Now - started;
        await Task.Delay(TimeSpan.FromSeconds(6), ct);
        await scenario.StopLoadAsync();

        await scenario.AssertNothingLostAsync();
        Assert.True(scenario.Ledger.FailedCreates == 0, $"{scenario.Ledger.FailedCreates} creates failed: {string.Join(" | ", scenario.Ledger.CreateErrors.Distinct().Take(5))}");
        var moved = scenario.Agents.Count(a => a.Drops > 0);
        Assert.True(moved > 0, "no agent stream was on the stopped silo");
        Figures.Record("SIGTERM", $"silo stopped in {stopTime.TotalSeconds:0.0} s; {scenario.Ledger.Acknowledged.Count} calls, 0 creates failed, all completed once; {moved} agent streams moved and resumed");
    }

    /// <summary>A rolling upgrade as a StatefulSet runs it (one pod at a time, each replaced at the same address once
    /// it has stopped): every silo in turn drains on SIGTERM, leaves the cluster and is replaced by a new process,
    /// while calls keep arriving. No create fails, every call completes once, and calls made after the last
    /// replacement are routed by silos that were not there at the start.</summary>
    [Fact]
    public async Task A_rolling_upgrade_under_load_loses_no_call_and_keeps_routing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await ProcessCluster.StartAsync(silos: 3, salesAgents: 18, heldAgents: 0, ct);
        await using var scenario = await LoadScenario.StartUnderLoadAsync(cluster, TimeSpan.FromSeconds(3), ct);

        var started = scenario.Ledger.Now;
        var stops = new List<TimeSpan>();
        for (var i = 0; i < cluster.Silos.Count; i++)
        {
            stops.Add(await cluster.ReplaceSiloAsync(i, ct));
        }
        var upgrade = scenario.Ledger.Now - started;
        scenario.Ledger.Mark();
        await Task.Delay(TimeSpan.FromSeconds(4), ct);
        await scenario.StopLoadAsync();

        await scenario.AssertNothingLostAsync();
        Assert.True(scenario.Ledger.FailedCreates == 0, $"{scenario.Ledger.FailedCreates} creates failed: {string.Join(" | ", scenario.Ledger.CreateErrors.Distinct().Take(5))}");
        var routedAfter = scenario.Ledger.Acknowledged.Count(id => scenario.Ledger.FirstOfferAfterMark(id) is not null);
        Assert.True(routedAfter > 0, "no call was offered after the last silo was replaced");
        Figures.Record("rolling upgrade", $"3 silos replaced one by one in {upgrade.TotalSeconds:0} s (SIGTERM stops took {string.Join(" / ", stops.Select(s => s.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))} s); " +
            $"{scenario.Ledger.Acknowledged.Count} calls, 0 creates failed, all completed once; {routedAfter} offered after the upgrade");
    }

    [Fact]
    public async Task A_silo_added_under_load_takes_its_share_of_new_activations()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await ProcessCluster.StartAsync(silos: 3, salesAgents: 18, heldAgents: 0, ct);
        await using var scenario = await LoadScenario.StartUnderLoadAsync(cluster, TimeSpan.FromSeconds(3), ct);
        using var admin = cluster.Client(ProcessCluster.Token("admin"));
        var before = (await admin.Admin.GetClusterStatusAsync(ct)).Silos.Select(s => s.Address).ToHashSet();

        await cluster.AddSiloAsync(ct);
        await Task.Delay(TimeSpan.FromSeconds(8), ct);
        var status = await admin.Admin.GetClusterStatusAsync(ct);
        await scenario.StopLoadAsync();

        await scenario.AssertNothingLostAsync();
        Assert.Equal(4, status.Silos.Count);
        Assert.All(status.Silos, s => Assert.Equal("Active", s.Status));
        var newest = Assert.Single(status.Silos, s => !before.Contains(s.Address));
        Assert.True(newest.Interactions > 0, $"the added silo holds no interactions: {status}");
        Figures.Record("scale-out", "interactions per silo 8 s after adding a fourth: " + string.Join(" / ", status.Silos.Select(s => s.Interactions)) + $" (the new one {newest.Interactions})");
    }
}
