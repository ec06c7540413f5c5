using Routing.Abstractions;
using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.Grains.Tests.Infrastructure;
using static Routing.Grains.Tests.Infrastructure.TestCentre;

namespace Routing.Grains.Tests.Lifecycle;

/// <summary>A supervisor changes the priority of waiting work.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ReprioritiseTests(ClusterFixture fixture)
{
    private readonly TestCentre _centre = new(fixture.Client);

    [Fact]
    public async Task WaitingCall_RaisedPriority_OvertakesOlderWorkAndKeepsItsArrival()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var older = await _centre.Call("sales");
        var newer = await _centre.Call("sales");
        var arrival = (await _centre.InteractionGrain(newer).GetSnapshot()).Arrival;

        var raised = await _centre.InteractionGrain(newer).SetPriority(10);

        Assert.Equal((10, arrival), (raised.Priority, raised.Arrival));
        Assert.Equal(InteractionEventKind.Reprioritised, raised.Events[^1].Kind);
        Assert.Equal([newer, older], (await _centre.QueueGrain("sales").GetSnapshot()).Waiting);
        var ann = await _centre.Ready("ann");
        var offer = await ann.NextOffer();
        Assert.Equal((newer, 10), (offer.InteractionId, offer.Priority));
    }

    [Fact]
    public async Task RingingCall_NewPriority_KeptWhenItGoesBackToLine()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var ann = await _centre.Ready("ann");
        var ringing = await _centre.Call("sales");
        Assert.Equal(ringing, (await ann.NextOffer()).InteractionId);
        await _centre.AgentGrain("ann").SetNotReady("break");
        var other = await _centre.Call("sales");

        await _centre.InteractionGrain(ringing).SetPriority(0);
        await _centre.InteractionGrain(other).SetPriority(20);
        await _centre.InteractionGrain(ringing).Reject("ann");

        Assert.Equal([other, ringing], (await _centre.QueueGrain("sales").GetSnapshot()).Waiting);
    }

    [Fact]
    public async Task SetPriority_ConnectedOutOfRangeOrUnknown_RefusedAndNothingChanged()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var ann = await _centre.Ready("ann");
        var call = await _centre.Call("sales", priority: 3);
        await ann.NextOffer();
        await _centre.InteractionGrain(call).Accept("ann");

        var connected = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain(call).SetPriority(50));
        Assert.Equal(RoutingError.FailedPrecondition, connected.Error);
        var range = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain(call).SetPriority(101));
        Assert.Equal(RoutingError.InvalidArgument, range.Error);
        var unknown = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain("nope").SetPriority(5));
        Assert.Equal(RoutingError.NotFound, unknown.Error);

        var after = await _centre.InteractionGrain(call).GetSnapshot();
        Assert.Equal((3, InteractionStatus.Connected), (after.Priority, after.Status));
        Assert.DoesNotContain(after.Events, e => e.Kind == InteractionEventKind.Reprioritised);
    }
}
