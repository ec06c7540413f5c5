using Routing.Abstractions;
using Routing.Abstractions.Agents;
using Routing.Core;
using Routing.Grains.Tests.Infrastructure;
using static Routing.Grains.Tests.Infrastructure.TestCentre;

namespace Routing.Grains.Tests.Lifecycle;

/// <summary>Re-applying a configuration without a queue or agent retires it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ReconfigurationTests(ClusterFixture fixture)
{
    private readonly TestCentre _centre = new(fixture.Client);

    [Fact]
    public async Task Reapply_WithoutAnAgent_RingingOfferGoesBackAndTheAgentIsGone()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann"), Agent("bob")]);
        var ann = await _centre.ReadyApp("ann");
        var call = await _centre.Call("sales");
        Assert.Equal(call, (await ann.NextOffer()).InteractionId);

        await _centre.Apply([Queue("sales")], [Agent("bob")]);

        Assert.Equal(call, (await ann.NextOfferEnded()).InteractionId);
        var refused = await Assert.ThrowsAsync<RoutingException>(() => _centre.AgentGrain("ann").SetReady());
        Assert.Equal(RoutingError.NotFound, refused.Error);
        Assert.Equal(Presence.Offline, (await _centre.AgentGrain("ann").GetSnapshot()).Presence);
        var bob = await _centre.Ready("bob");
        Assert.Equal(call, (await bob.NextOffer()).InteractionId);
        Assert.DoesNotContain("ann", (await _centre.QueueGrain("sales").GetSnapshot()).AvailableAgents);
    }

    [Fact]
    public async Task Reapply_WithoutAnEmptyQueue_NewWorkThereIsRefused()
    {
        await _centre.Apply([Queue("sales"), Queue("support")], [Agent("ann")]);

        await _centre.Apply([Queue("sales")], [Agent("ann")]);

        var refused = await Assert.ThrowsAsync<RoutingException>(() => _centre.Call("support"));
        Assert.Equal(RoutingError.NotFound, refused.Error);
        Assert.False((await _centre.QueueGrain("support").GetSnapshot()).Configured);
        // Adding it again brings it back.
        await _centre.Apply([Queue("sales"), Queue("support")], [Agent("ann")]);
        await _centre.Call("support");
    }

    [Fact]
    public async Task Reapply_WithoutAQueueHoldingWork_RefusedAndNothingChanged()
    {
        await _centre.Apply([Queue("sales"), Queue("support")], [Agent("ann"), Agent("bob")]);
        var waiting = await _centre.Call("support");

        var refused = await Assert.ThrowsAsync<RoutingException>(() => _centre.Apply([Queue("sales")], [Agent("ann")]));

        Assert.Equal(RoutingError.FailedPrecondition, refused.Error);
        Assert.Contains("queue 'support' still has 1 waiting or ringing", refused.Message, StringComparison.Ordinal);
        var configuration = await _centre.Client.Tenant(_centre.TenantId).GetConfiguration();
        Assert.Equal(["sales", "support"], configuration!.Queues.Select(q => q.QueueId));
        Assert.Equal(["ann", "bob"], configuration.Agents.Select(a => a.AgentId));
        Assert.Equal([waiting], (await _centre.QueueGrain("support").GetSnapshot()).Waiting);
        await _centre.AgentGrain("bob").SetReady();
    }
}
