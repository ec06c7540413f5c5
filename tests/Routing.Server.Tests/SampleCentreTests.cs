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
}
