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
