using Routing.Cluster.Tests.Infrastructure;

namespace Routing.Cluster.Tests;

/// <summary>
/// kill -9 of one of three silo processes under load, with calls waiting, ringing and connected: every
/// acknowledged call still ends exactly once, nothing rings at two agents, agent apps whose stream was
/// on the dead silo resume on another with their state, and waiting calls are routed again promptly.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class CrashFailoverTests
{
    /// <summary>Calls waiting in "held" (whose agents are not ready) when the silo dies.</summary>
    private const int HeldCalls = 12;

    [Fact]
    public async Task Killing_a_silo_under_load_loses_no_call_and_rings_nothing_twice()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await ProcessCluster.StartAsync(silos: 3, salesAgents: 18, heldAgents: 6, ct);
        await using var scenario = await LoadScenario.StartAgentsAsync(cluster, ct);
        for (var i = 0; i < HeldCalls; i++)
        {
            Assert.True(await scenario.Gateway.CreateAsync("held", ct), "a call in 'held' was not acknowledged before the kill");
        }
        scenario.StartLoad(perSecond: 15);
        await Task.Delay(TimeSpan.FromSeconds(4), ct);

        await cluster.Silos[1].KillAsync();
        scenario.Ledger.Mark();
        // The held queue's agents become ready now: how soon its waiting calls ring measures how long
        // routing was interrupted for them (detection of the dead silo + recovery).
        await Task.WhenAll(scenario.HeldAgents.Select(a => a.SetReadyAsync()));
        await Task.Delay(TimeSpan.FromSeconds(8), ct);
        await scenario.StopLoadAsync();

        await scenario.AssertNothingLostAsync();
        var recovery = scenario.Ledger.Acknowledged.Where(id => id.StartsWith("held-", StringComparison.Ordinal)).Select(scenario.Ledger.FirstOfferAfterMark).ToList();
        Assert.Equal(HeldCalls, recovery.Count(r => r is not null));
        var slowest = recovery.Max()!.Value;
        var moved = scenario.Agents.Count(a => a.Drops > 0);
        Assert.True(moved > 0, "no agent stream was on the killed silo");
        Figures.Record("kill -9", $"{scenario.Ledger.Acknowledged.Count} calls acknowledged ({scenario.Ledger.FailedCreates} creates refused), all completed once, 0 double offers; " +
            $"{moved} of {scenario.Agents.Count} agent streams moved and resumed; waiting calls ringing again {slowest.TotalSeconds:0.0} s after the kill");
        Assert.True(slowest < TimeSpan.FromSeconds(15), $"waiting calls rang again only {slowest.TotalSeconds:0.0} s after the kill");
    }
}
