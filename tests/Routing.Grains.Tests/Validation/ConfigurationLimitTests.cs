using Routing.Abstractions;
using Routing.Abstractions.Configuration;
using Routing.Grains.Tests.Infrastructure;
using static Routing.Grains.Tests.Infrastructure.TestCentre;

namespace Routing.Grains.Tests.Validation;

/// <summary>The limits on who serves which queue, and how an agent's queues are found from its skills.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConfigurationLimitTests(ClusterFixture fixture)
{
    private readonly TestCentre _centre = new(fixture.Client);

    [Fact]
    public async Task Apply_AgentInMoreQueuesThanAllowed_RefusedNamingItAndNothingChanged()
    {
        var queues = Enumerable.Range(0, TenantConfiguration.MaxQueuesPerAgent + 1).Select(i => Queue($"q{i}")).ToArray();

        var refused = await Assert.ThrowsAsync<RoutingException>(() => _centre.Apply(queues, [Agent("ann"), Agent("bob") with { Queues = ["q0"] }]));

        Assert.Equal(RoutingError.InvalidArgument, refused.Error);
        Assert.Contains("1 agent(s) serve more than 100 queues, e.g. 'ann' (101)", refused.Message, StringComparison.Ordinal);
        Assert.Null(await fixture.Client.Tenant(_centre.TenantId).GetConfiguration());
        Assert.False((await _centre.QueueGrain("q0").GetSnapshot()).Configured);
    }

    [Fact]
    public async Task Apply_AgentSkills_MeetQueuesWhateverTheCaseAndOrderOfRequirements()
    {
        await _centre.Apply(
            [Queue("open"), Queue("sales", Needs("Sales", 2), Needs("lang.fr")), Queue("billing", Needs("billing")), Queue("expert", Needs("sales", 5))],
            [Agent("ann", Has("lang.FR", 1), Has("SALES", 3))]);

        var snapshot = await _centre.AgentGrain("ann").GetSnapshot();

        Assert.Equal(["open", "sales"], snapshot.Queues);
    }
}
