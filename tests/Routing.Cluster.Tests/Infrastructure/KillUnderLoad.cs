namespace Routing.Cluster.Tests.Infrastructure;

/// <summary>
/// kill -9 of the second of three silo processes under load, with calls waiting, ringing and connected: every
/// acknowledged call still ends exactly once, nothing rings at two agents, agent apps whose stream was on the
/// dead silo resume on another with their state, and waiting calls are routed again promptly. The same scenario
/// for every clustering and storage provider.
/// </summary>
internal static class KillUnderLoad
{
    /// <summary>Calls waiting in "held" (whose agents are not ready) when the silo dies.</summary>
    public const int HeldCalls = 12;

    public const int Silos = 3;

    public const int SalesAgents = 18;

    public const int HeldAgents = 6;

    /// <summary>Runs the scenario on <paramref name="cluster"/> (started with the sizes above) and records its
    /// figures under <paramref name="figure"/>.</summary>
    public static async Task RunAsync(ProcessCluster cluster, string figure, CancellationToken ct)
    {
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
        Figures.Record(figure, $"{scenario.Ledger.Acknowledged.Count} calls acknowledged ({scenario.Ledger.FailedCreates} creates refused), all completed once, 0 double offers; " +
            $"{moved} of {scenario.Agents.Count} agent streams moved and resumed; waiting calls ringing again {slowest.TotalSeconds:0.0} s after the kill");
        Assert.True(slowest < TimeSpan.FromSeconds(15), $"waiting calls rang again only {slowest.TotalSeconds:0.0} s after the kill");
    }
}
