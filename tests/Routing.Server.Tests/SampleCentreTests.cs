using Routing.Configuration;

namespace Routing.Server.Tests;

/// <summary>The sample centre the server starts with by default.</summary>
public sealed class SampleCentreTests
{
    [Fact]
    public void SampleCentre_Loads_ValidWithAnEscalatingQueue()
    {
        var centre = CentreConfigurationFile.Load(Path.Combine(AppContext.BaseDirectory, "centre.sample.json"));

        var problems = centre.Tenants.SelectMany(t => t.Queues.SelectMany(q => q.Problems()).Concat(t.Agents.SelectMany(a => a.Problems())));
        Assert.Empty(problems);
        var vip = centre.Tenants.Single(t => t.TenantId == "acme").Queues.Single(q => q.QueueId == "vip-support");
        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(3)], vip.Escalation.Select(s => s.After));
        Assert.Equal(TimeSpan.FromSeconds(20), vip.PreferredAgentWait);
    }

    [Fact]
    public void SampleCentre_MainLine_SendsKeyAccountsToTheirManagerAndFrenchCallersToFrenchSupport()
    {
        var centre = CentreConfigurationFile.Load(Path.Combine(AppContext.BaseDirectory, "centre.sample.json"));
        var mainLine = centre.Tenants.Single(t => t.TenantId == "acme").EntryPoints.Single();

        var keyAccount = mainLine.Decide(new() { Entry = "100", Attributes = new Dictionary<string, string> { ["tier"] = "key-account", ["accountManager"] = "charlotte.reid" } });
        var french = mainLine.Decide(new() { Entry = "100", CallerNumber = "+33612345678" });

        Assert.Empty(mainLine.Problems());
        Assert.Equal(("vip-support", "charlotte.reid"), (keyAccount.QueueId, keyAccount.PreferredAgentId));
        Assert.Equal("french-support", french.QueueId);
        Assert.Equal("support", mainLine.Decide(new() { Entry = "100" }).QueueId);
    }
}
