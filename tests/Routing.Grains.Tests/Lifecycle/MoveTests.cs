using Routing.Abstractions;
using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.Grains.Tests.Infrastructure;
using static Routing.Grains.Tests.Infrastructure.TestCentre;

namespace Routing.Grains.Tests.Lifecycle;

/// <summary>A supervisor moves waiting work to another queue.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MoveTests(ClusterFixture fixture)
{
    private readonly TestCentre _centre = new(fixture.Client);

    [Fact]
    public async Task WaitingCall_MovedToAnotherQueue_KeepsItsArrivalAndIsOfferedThere()
    {
        await _centre.Apply([Queue("sales", Needs("sales")), Queue("support", Needs("support"))], [Agent("sam", Has("support"))]);
        var call = await _centre.Call("sales");
        var arrival = (await _centre.InteractionGrain(call).GetSnapshot()).Arrival;
        var sam = await _centre.Ready("sam");

        var moved = await _centre.InteractionGrain(call).MoveTo("support");

        Assert.Equal(("support", arrival), (moved.QueueId, moved.Arrival));
        Assert.Contains(moved.Events, e => e.Kind == InteractionEventKind.Moved && e.Detail == "sales → support");
        var offer = await sam.NextOffer();
        Assert.Equal((call, "support"), (offer.InteractionId, offer.QueueId));
        Assert.Empty((await _centre.QueueGrain("sales").GetSnapshot()).Waiting);
        await _centre.InteractionGrain(call).Accept("sam");
        Assert.Equal(1, (await _centre.QueueGrain("sales").GetStatistics()).Rolling.Overflowed);
        Assert.Equal(1, (await _centre.QueueGrain("support").GetStatistics()).Rolling.Answered);
    }

    [Fact]
    public async Task Move_UnknownQueueOrNotWaiting_RefusedAndNothingChanged()
    {
        await _centre.Apply([Queue("sales"), Queue("support")], [Agent("ann")]);
        var waiting = await _centre.Call("sales");

        var unknown = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain(waiting).MoveTo("nope"));
        Assert.Equal(RoutingError.NotFound, unknown.Error);
        var malformed = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain(waiting).MoveTo("not a queue!"));
        Assert.Equal(RoutingError.InvalidArgument, malformed.Error);
        var after = await _centre.InteractionGrain(waiting).GetSnapshot();
        Assert.Equal(("sales", InteractionStatus.Queued), (after.QueueId, after.Status));
        Assert.Equal([waiting], (await _centre.QueueGrain("sales").GetSnapshot()).Waiting);

        var ann = await _centre.Ready("ann");
        Assert.Equal(waiting, (await ann.NextOffer()).InteractionId);
        var ringing = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain(waiting).MoveTo("support"));
        Assert.Equal(RoutingError.FailedPrecondition, ringing.Error);
        Assert.Empty((await _centre.QueueGrain("support").GetSnapshot()).Waiting);
    }
}
