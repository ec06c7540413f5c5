using Orleans.Core.Internal;
using Routing.Abstractions.Configuration;
using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.Grains.Interactions;
using Routing.Grains.Tests.Infrastructure;
using static Routing.Grains.Tests.Infrastructure.TestCentre;

namespace Routing.Grains.Tests.QueueBehaviour;

/// <summary>A queue's max wait: the interaction overflows to another queue or ends as Overflowed.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MaxWaitTests(ClusterFixture fixture)
{
    private static readonly TimeSpan ShortWait = TimeSpan.FromMilliseconds(300);
    private readonly TestCentre _centre = new(fixture.Client);

    private static QueueDefinition OverflowsTo(QueueDefinition queue, OverflowAction action, TimeSpan? maxWait = null) =>
        queue with { MaxWait = maxWait ?? ShortWait, Overflow = action };

    [Fact]
    public async Task MaxWait_OverflowToQueue_KeepsArrivalAndPlaceByScoreThere()
    {
        await _centre.Apply(
            [OverflowsTo(Queue("sales"), new OverflowAction { Kind = OverflowActionKind.Queue, QueueId = "support" }), Queue("support")],
            []);
        var early = await _centre.Call("sales");
        var arrival = (await _centre.InteractionGrain(early).GetSnapshot()).Arrival;
        var late = await _centre.Call("support");

        var moved = await _centre.Gateway.WaitFor(early, e => e.Kind == InteractionEventKind.Moved);

        Assert.Equal(("support", InteractionStatus.Queued, "overflow (MaxWait): sales → support"), (moved.QueueId, moved.Status, moved.Detail));
        var snapshot = await _centre.InteractionGrain(early).GetSnapshot();
        Assert.Equal((arrival, "support", (DateTimeOffset?)null), (snapshot.Arrival, snapshot.QueueId, snapshot.WaitDeadline));
        Assert.Equal([early, late], (await _centre.QueueGrain("support").GetSnapshot()).Waiting);
        Assert.Empty((await _centre.QueueGrain("sales").GetSnapshot()).Waiting);
        Assert.Equal(1, (await _centre.QueueGrain("sales").GetStatistics()).Rolling.Overflowed);
    }

    [Fact]
    public async Task MaxWait_EndAsOverflowed_WatcherSeesActionCauseAndMessage()
    {
        await _centre.Apply([OverflowsTo(Queue("sales"), new OverflowAction { Kind = OverflowActionKind.Voicemail, Message = "sales-mailbox" })], []);
        var call = await _centre.Call("sales");
        Assert.NotNull((await _centre.InteractionGrain(call).GetSnapshot()).WaitDeadline);

        var final = await _centre.Gateway.WaitForFinal(call);

        Assert.Equal((InteractionEventKind.Overflowed, InteractionStatus.Overflowed), (final.Kind, final.Status));
        Assert.Equal(new OverflowNotice { Action = OverflowActionKind.Voicemail, Cause = OverflowCause.MaxWait, Message = "sales-mailbox" }, final.Overflow);
        Assert.Equal("voicemail (MaxWait): sales-mailbox", final.Detail);
        // The gateway hangs up its leg once it has played the mailbox: a final interaction changes nothing for it, and the
        // call waits its turn behind the overflow's own (which tells the queue after telling the watchers).
        Assert.Equal(InteractionStatus.Overflowed, (await _centre.InteractionGrain(call).Hangup()).Status);
        Assert.Empty((await _centre.QueueGrain("sales").GetSnapshot()).Waiting);
        var statistics = await _centre.QueueGrain("sales").GetStatistics();
        Assert.Equal((1, 0, 0), (statistics.Rolling.Overflowed, statistics.Rolling.Abandoned, statistics.Rolling.Answered));
    }

    [Fact]
    public async Task MaxWait_SurvivesDeactivation_TimerIsReArmedOnActivation()
    {
        await _centre.Apply([OverflowsTo(Queue("sales"), new OverflowAction { Kind = OverflowActionKind.Voicemail }, TimeSpan.FromSeconds(1.5))], []);
        var call = await _centre.Call("sales");
        var deadline = (await _centre.InteractionGrain(call).GetSnapshot()).WaitDeadline;

        // Drop the activation (its timer and observers); the next call activates it from stored state.
        await _centre.InteractionGrain(call).Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        Assert.Equal(deadline, (await _centre.InteractionGrain(call).GetSnapshot()).WaitDeadline);
        await _centre.WatchInteraction(call);

        var final = await _centre.Gateway.WaitFor(call, e => e.Kind == InteractionEventKind.Overflowed);
        Assert.Equal(OverflowCause.MaxWait, final.Overflow!.Cause);
    }

    [Fact]
    public async Task MaxWait_ReachedWhileRinging_RingFinishesThenOverflowsWhenBackInLine()
    {
        var ring = TimeSpan.FromSeconds(1);
        await _centre.Apply(
            [OverflowsTo(Queue("sales", Needs("sales")) with { OfferTimeout = ring }, new OverflowAction { Kind = OverflowActionKind.Callback })],
            [Agent("ann", Has("sales"))]);
        var ann = await _centre.Ready("ann");
        var call = await _centre.Call("sales");
        Assert.Equal(call, (await ann.NextOffer()).InteractionId);

        var final = await _centre.Gateway.WaitForFinal(call);

        Assert.Equal((OverflowActionKind.Callback, OverflowCause.MaxWait), (final.Overflow!.Action, final.Overflow.Cause));
        var events = (await _centre.InteractionGrain(call).GetSnapshot()).Events;
        var offered = events.Single(e => e.Kind == InteractionEventKind.Offered);
        var timedOut = events.Single(e => e.Kind == InteractionEventKind.OfferTimedOut);
        Assert.True(timedOut.At - offered.At >= ring - TimeSpan.FromMilliseconds(50), "the ring was cut short by the max wait");
        Assert.Equal(timedOut.Sequence + 1, final.Sequence);
    }

    [Fact]
    public async Task OverflowLoop_AToBToA_StopsAfterMaxHopsAsOverflowed()
    {
        var wait = TimeSpan.FromMilliseconds(150);
        await _centre.Apply(
            [
                OverflowsTo(Queue("a"), new OverflowAction { Kind = OverflowActionKind.Queue, QueueId = "b" }, wait),
                OverflowsTo(Queue("b"), new OverflowAction { Kind = OverflowActionKind.Queue, QueueId = "a" }, wait),
            ],
            []);
        var call = await _centre.Call("a");

        var final = await _centre.Gateway.WaitForFinal(call);

        Assert.Equal((OverflowActionKind.Disconnect, OverflowCause.TooManyHops), (final.Overflow!.Action, final.Overflow.Cause));
        var snapshot = await _centre.InteractionGrain(call).GetSnapshot();
        Assert.Equal(InteractionGrain.MaxOverflowHops, snapshot.Events.Count(e => e.Kind == InteractionEventKind.Moved));
        Assert.Empty((await _centre.QueueGrain("a").GetSnapshot()).Waiting);
        Assert.Empty((await _centre.QueueGrain("b").GetSnapshot()).Waiting);
    }

    [Fact]
    public async Task MaxWait_OverflowIntoFullQueue_EndsAsOverflowedQueueFull_AndMoveIntoItRefused()
    {
        await _centre.Apply(
            [
                OverflowsTo(Queue("sales"), new OverflowAction { Kind = OverflowActionKind.Queue, QueueId = "support" }, TimeSpan.FromSeconds(1)),
                Queue("support") with { MaxWaiting = 1 },
            ],
            []);
        await _centre.Call("support");
        var call = await _centre.Call("sales");

        var refused = await Assert.ThrowsAsync<Abstractions.RoutingException>(() => _centre.InteractionGrain(call).MoveTo("support"));
        Assert.Equal((Abstractions.RoutingError.ResourceExhausted, "queue 'support' is full: 1 waiting"), (refused.Error, refused.Message));
        Assert.Equal("sales", (await _centre.InteractionGrain(call).GetSnapshot()).QueueId);

        var final = await _centre.Gateway.WaitForFinal(call);

        Assert.Equal((OverflowActionKind.Disconnect, OverflowCause.QueueFull), (final.Overflow!.Action, final.Overflow.Cause));
        Assert.Contains("is full", final.Overflow.Message, StringComparison.Ordinal);
        Assert.Single((await _centre.QueueGrain("support").GetSnapshot()).Waiting);
    }
}
