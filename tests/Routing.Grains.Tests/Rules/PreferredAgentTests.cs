using Routing.Abstractions.Configuration;
using Routing.Abstractions.Customers;
using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.Grains.Tests.Infrastructure;
using static Routing.Grains.Tests.Infrastructure.TestCentre;

namespace Routing.Grains.Tests.Rules;

/// <summary>A repeat customer waits a little for the agent who last served them.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PreferredAgentTests(ClusterFixture fixture)
{
    private readonly TestCentre _centre = new(fixture.Client);

    /// <summary>Sales chooses the agent with the fewest interactions today, so without a preference bob (none yet)
    /// would get the next call before ann (one).</summary>
    private async Task<(AgentProbe Ann, string Customer)> AnnServedCustomer(TimeSpan wait)
    {
        var sales = Queue("sales") with { PreferredAgentWait = wait, Strategy = SelectionStrategy.FewestInteractionsToday };
        await _centre.Apply([sales], [Agent("ann"), Agent("bob")]);
        var customer = "c-" + Guid.NewGuid().ToString("N")[..8];
        var ann = await _centre.Ready("ann");
        var first = await _centre.CustomerCall("sales", customer);
        Assert.Equal(first, (await ann.NextOffer()).InteractionId);
        await _centre.InteractionGrain(first).Accept("ann");
        await _centre.InteractionGrain(first).End("ann");
        await _centre.InteractionGrain(first).Complete("ann", new Disposition("done"));
        Assert.Equal("ann", (await _centre.Client.Customer(_centre.TenantId, customer).GetLastService())?.AgentId);
        return (ann, customer);
    }

    [Fact]
    public async Task RepeatCaller_BothIdle_PreferredAgentGetsItOverTheStrategysChoice()
    {
        var (ann, customer) = await AnnServedCustomer(TimeSpan.FromMinutes(1));
        await ann.WaitForState(s => s.Load.Total == 0);
        var bob = await _centre.Ready("bob");

        var repeat = await _centre.CustomerCall("sales", customer);

        Assert.Equal(repeat, (await ann.NextOffer()).InteractionId);
        Assert.False(bob.TryTakeOffer(out _));
    }

    [Fact]
    public async Task RepeatCaller_PreferredAgentAway_OtherAgentGetsItOnlyAfterTheWait()
    {
        var wait = TimeSpan.FromSeconds(1);
        var (_, customer) = await AnnServedCustomer(wait);
        await _centre.AgentGrain("ann").SetNotReady("break");
        var bob = await _centre.Ready("bob");

        var repeat = await _centre.CustomerCall("sales", customer);

        await _centre.OfferedOnlyAfter(bob, repeat, wait);
    }

    [Fact]
    public async Task NewCustomer_NoPreference_OfferedAtOnce()
    {
        await _centre.Apply([Queue("sales") with { PreferredAgentWait = TimeSpan.FromMinutes(5) }], [Agent("bob")]);
        var bob = await _centre.Ready("bob");

        var call = await _centre.CustomerCall("sales", "c-new-" + Guid.NewGuid().ToString("N")[..6]);

        Assert.Equal(call, (await bob.NextOffer()).InteractionId);
    }

    [Fact]
    public async Task GatewayNamesPreferredAgent_OfferedToThatAgentThoughAnotherIdledLonger()
    {
        await _centre.Apply([Queue("sales") with { PreferredAgentWait = TimeSpan.FromMinutes(1) }], [Agent("ann"), Agent("bob")]);
        var ann = await _centre.Ready("ann");
        var bob = await _centre.Ready("bob");
        var call = "named-" + Guid.NewGuid().ToString("N")[..8];
        await _centre.WatchInteraction(call);

        await _centre.InteractionGrain(call).Create(new InteractionSpec { QueueId = "sales", PreferredAgentId = "bob" });

        Assert.Equal(call, (await bob.NextOffer()).InteractionId);
        Assert.False(ann.TryTakeOffer(out _));
    }
}
