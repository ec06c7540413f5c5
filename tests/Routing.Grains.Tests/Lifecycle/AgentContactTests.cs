using Orleans.Core.Internal;
using Routing.Abstractions.Agents;
using Routing.Grains.Tests.Infrastructure;
using static Routing.Grains.Tests.Infrastructure.TestCentre;

namespace Routing.Grains.Tests.Lifecycle;

/// <summary>The contact an agent's phone registered is kept with the agent: a new activation (after a silo restart or
/// idle deactivation) still reaches the phone where it registered, and an expired contact is never given out.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AgentContactTests(ClusterFixture fixture)
{
    private readonly TestCentre _centre = new(fixture.Client);

    [Fact]
    public async Task SetContact_AgentGrainDeactivatedAndReactivated_StillThere_AndAClearStaysCleared()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var agent = _centre.AgentGrain("ann");
        var contact = new AgentContact("sip:ann@192.0.2.10:5062;transport=tcp", DateTimeOffset.UtcNow.AddHours(1));

        await agent.SetContact(contact);
        await Deactivate(agent);
        var afterRestart = await agent.GetContact();
        await agent.SetContact(null);
        await Deactivate(agent);

        Assert.Equal(contact, afterRestart);
        Assert.Null(await agent.GetContact());
    }

    [Fact]
    public async Task GetContact_ExpiredContact_None()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var agent = _centre.AgentGrain("ann");

        await agent.SetContact(new AgentContact("sip:ann@192.0.2.10", DateTimeOffset.UtcNow.AddSeconds(-1)));

        Assert.Null(await agent.GetContact());
    }

    private static Task Deactivate(Abstractions.IAgentGrain agent) =>
        agent.Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken).AsTask();
}
