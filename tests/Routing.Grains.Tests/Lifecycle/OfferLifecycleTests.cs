using Orleans.Core.Internal;
using Routing.Abstractions;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.Grains.Tests.Infrastructure;
using static Routing.Grains.Tests.Infrastructure.TestCentre;

namespace Routing.Grains.Tests.Lifecycle;

[Collection(ClusterCollection.Name)]
public sealed class OfferLifecycleTests(ClusterFixture fixture)
{
    private readonly TestCentre _centre = new(fixture.Client);

    [Fact]
    public async Task Call_AcceptedEndedAndWrappedUp_CompletesWithDisposition()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var ann = await _centre.Ready("ann");

        var call = await _centre.Call("sales");
        var offer = await ann.NextOffer();
        Assert.Equal(call, offer.InteractionId);
        Assert.Equal(1, offer.Attempt);

        var connected = await _centre.InteractionGrain(call).Accept("ann");
        Assert.Equal(InteractionStatus.Connected, connected.Status);
        Assert.Equal("ann", connected.AgentId);

        var wrapping = await _centre.InteractionGrain(call).End("ann");
        Assert.Equal(InteractionStatus.WrapUp, wrapping.Status);
        Assert.NotNull(wrapping.WrapUpDeadline);
        var duringWrapUp = await _centre.AgentGrain("ann").GetSnapshot();
        Assert.Equal(1, duringWrapUp.Load.Voice);
        Assert.Equal(SlotPhase.WrapUp, Assert.Single(duringWrapUp.Slots).Phase);

        var done = await _centre.InteractionGrain(call).Complete("ann", new Disposition("refused-offer", "already has a contract"));
        Assert.Equal(InteractionStatus.Completed, done.Status);
        Assert.Equal(new Disposition("refused-offer", "already has a contract"), done.Disposition);
        Assert.Equal(
            [InteractionEventKind.Queued, InteractionEventKind.Offered, InteractionEventKind.Connected, InteractionEventKind.Ended, InteractionEventKind.Completed],
            done.Events.Select(e => e.Kind));

        var after = await _centre.AgentGrain("ann").GetSnapshot();
        Assert.Equal(0, after.Load.Total);
        Assert.Equal(Presence.Available, after.Presence);
        Assert.Equal(1, after.InteractionsToday);
    }

    /// <summary>An agent of one queue that finds nothing waiting leaves its availability with the queue in the same call
    /// (no separate message): the queue still offers it the next arrival, after its first call and after its second.</summary>
    [Fact]
    public async Task AgentOfOneQueue_FreeWithNothingWaiting_IsOfferedEachNextArrival()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var ann = await _centre.Ready("ann");

        for (var round = 0; round < 2; round++)
        {
            var call = await _centre.Call("sales");
            Assert.Equal(call, (await ann.NextOffer()).InteractionId);
            await _centre.InteractionGrain(call).Accept("ann");
            await _centre.InteractionGrain(call).Complete("ann", new Disposition("done", null));
            Assert.Equal(Presence.Available, (await _centre.AgentGrain("ann").GetSnapshot()).Presence);
            Assert.Empty((await _centre.QueueGrain("sales").GetSnapshot()).Waiting);
        }
    }

    [Fact]
    public async Task WaitingCall_AgentBecomesReady_IsOfferedToThatAgent()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var call = await _centre.Call("sales");
        var waiting = await _centre.QueueGrain("sales").GetSnapshot();
        Assert.Equal([call], waiting.Waiting);

        var ann = await _centre.Ready("ann");

        Assert.Equal(call, (await ann.NextOffer()).InteractionId);
        var offered = await _centre.InteractionGrain(call).GetSnapshot();
        Assert.Equal(InteractionStatus.Offered, offered.Status);
        Assert.Equal("ann", offered.AgentId);
    }

    [Fact]
    public async Task Reject_GoesBackToItsPlace_AndIsOfferedToAnotherAgentNotTheSameOne()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann"), Agent("bob")]);
        var ann = await _centre.Ready("ann");
        var first = await _centre.Call("sales");
        Assert.Equal(first, (await ann.NextOffer()).InteractionId);
        var second = await _centre.Call("sales");

        await _centre.InteractionGrain(first).Reject("ann");
        await ann.NextOfferEnded();

        // Ann is free again: she gets the second call, not the one she rejected (still in its re-offer delay).
        Assert.Equal(second, (await ann.NextOffer()).InteractionId);
        var line = await _centre.QueueGrain("sales").GetSnapshot();
        Assert.Equal([first], line.Waiting);

        var bob = await _centre.Ready("bob");
        var toBob = await bob.NextOffer();
        Assert.Equal(first, toBob.InteractionId);
        Assert.Equal(2, toBob.Attempt);
        var history = await _centre.InteractionGrain(first).GetSnapshot();
        Assert.Contains(history.Events, e => e.Kind == InteractionEventKind.OfferRejected && e.AgentId == "ann");
    }

    [Fact]
    public async Task Reject_KeepsPlaceInLine_AheadOfLaterArrivals()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var ann = await _centre.Ready("ann");
        var first = await _centre.Call("sales");
        await ann.NextOffer();
        await _centre.AgentGrain("ann").SetNotReady(NotReadyReasons.Break);
        var later = await _centre.Call("sales");

        await _centre.InteractionGrain(first).Reject("ann");
        await ann.NextOfferEnded();

        var line = await _centre.QueueGrain("sales").GetSnapshot();
        Assert.Equal([first, later], line.Waiting);
    }

    [Fact]
    public async Task OfferTimeout_RequeuesAndMakesAgentNotReadyNoAnswer()
    {
        await _centre.Apply([Queue("sales") with { OfferTimeout = TimeSpan.FromMilliseconds(300) }], [Agent("ann")]);
        var ann = await _centre.Ready("ann");
        var call = await _centre.Call("sales");
        await ann.NextOffer();

        var (interactionId, outcome) = await ann.NextOfferEnded();

        Assert.Equal((call, OfferOutcome.TimedOut), (interactionId, outcome));
        var agent = await ann.WaitForState(s => s.Reason == NotReadyReasons.NoAnswer);
        Assert.Equal(NotReadyReasons.NoAnswer, agent.Reason);
        var interaction = await _centre.InteractionGrain(call).GetSnapshot();
        Assert.Equal(InteractionStatus.Queued, interaction.Status);
        Assert.Contains(interaction.Events, e => e.Kind == InteractionEventKind.OfferTimedOut && e.AgentId == "ann");
    }

    [Fact]
    public async Task OfferTimeout_BelowNoAnswerThreshold_AgentStaysAvailable()
    {
        await _centre.Apply(
            [Queue("sales") with { OfferTimeout = TimeSpan.FromMilliseconds(300), ReofferDelay = TimeSpan.Zero }],
            [Agent("ann")],
            c => c with { NoAnswerThreshold = 2 });
        var ann = await _centre.Ready("ann");
        var call = await _centre.Call("sales");

        await ann.NextOffer();
        await ann.NextOfferEnded();
        var again = await ann.NextOffer();
        Assert.Equal(call, again.InteractionId);
        Assert.Equal(2, again.Attempt);
        await ann.NextOfferEnded();

        var agent = await ann.WaitForState(s => s.Reason == NotReadyReasons.NoAnswer);
        Assert.Equal(NotReadyReasons.NoAnswer, agent.Reason);
        Assert.Equal(2, agent.ConsecutiveMisses);
    }

    [Fact]
    public async Task WrapUpTime_Elapses_CompletesWithoutDisposition()
    {
        await _centre.Apply([Queue("sales") with { WrapUpTime = TimeSpan.FromMilliseconds(200) }], [Agent("ann")]);
        var ann = await _centre.Ready("ann");
        var call = await _centre.Call("sales");
        await ann.NextOffer();
        await _centre.InteractionGrain(call).Accept("ann");
        await _centre.InteractionGrain(call).End("ann");

        var completed = await _centre.Gateway.WaitForStatus(call, InteractionStatus.Completed);

        Assert.Equal("ann", completed.AgentId);
        var interaction = await _centre.InteractionGrain(call).GetSnapshot();
        Assert.Null(interaction.Disposition);
        Assert.Equal(0, (await ann.WaitForState(s => s.Load.Total == 0)).Load.Total);
    }

    [Fact]
    public async Task Hangup_WhileWaiting_IsAbandonedAndLeavesTheLine()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var call = await _centre.Call("sales");

        var abandoned = await _centre.InteractionGrain(call).Hangup();

        Assert.Equal(InteractionStatus.Abandoned, abandoned.Status);
        Assert.Empty((await _centre.QueueGrain("sales").GetSnapshot()).Waiting);
        var ann = await _centre.Ready("ann");
        await ann.WaitForState(s => s.Presence == Presence.Available);
        Assert.False(ann.TryTakeOffer(out _));
    }

    [Fact]
    public async Task Hangup_WhileRinging_RescindsTheOfferAndFreesTheAgent()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var ann = await _centre.Ready("ann");
        var call = await _centre.Call("sales");
        await ann.NextOffer();

        var abandoned = await _centre.InteractionGrain(call).Hangup();

        Assert.Equal(InteractionStatus.Abandoned, abandoned.Status);
        Assert.Equal((call, OfferOutcome.Rescinded), await ann.NextOfferEnded());
        var agent = await _centre.AgentGrain("ann").GetSnapshot();
        Assert.Equal(0, agent.Load.Total);
        Assert.Equal(Presence.Available, agent.Presence);
        Assert.Equal(
            [InteractionEventKind.Queued, InteractionEventKind.Offered, InteractionEventKind.OfferRescinded, InteractionEventKind.Abandoned],
            abandoned.Events.Select(e => e.Kind));
    }

    [Fact]
    public async Task Hangup_WhileConnected_EndsIntoWrapUp()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var ann = await _centre.Ready("ann");
        var call = await _centre.Call("sales");
        await ann.NextOffer();
        await _centre.InteractionGrain(call).Accept("ann");

        var ended = await _centre.InteractionGrain(call).Hangup();

        Assert.Equal(InteractionStatus.WrapUp, ended.Status);
        Assert.Equal("customer hung up", ended.Events[^1].Detail);
    }

    [Fact]
    public async Task Logout_WhileRinging_WithdrawsOfferAndOffersItToAnotherAgent()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann"), Agent("bob")]);
        var ann = await _centre.Ready("ann");
        var call = await _centre.Call("sales");
        await ann.NextOffer();
        var bob = await _centre.Watch("bob");

        var loggedOut = await _centre.AgentGrain("ann").Logout();
        await _centre.AgentGrain("bob").SetReady();

        Assert.Equal(Presence.Offline, loggedOut.Presence);
        Assert.Equal((call, OfferOutcome.Withdrawn), await ann.NextOfferEnded());
        Assert.Equal(call, (await bob.NextOffer()).InteractionId);
    }

    [Fact]
    public async Task OfferDeadline_SurvivesDeactivation_TimerIsReArmedOnActivation()
    {
        await _centre.Apply([Queue("sales") with { OfferTimeout = TimeSpan.FromMilliseconds(500) }], [Agent("ann")]);
        var ann = await _centre.Ready("ann");
        var call = await _centre.Call("sales");
        await ann.NextOffer();

        // Drop the activation (and its timer); the next call activates it from stored state.
        await _centre.InteractionGrain(call).Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        await _centre.InteractionGrain(call).GetSnapshot();

        Assert.Equal((call, OfferOutcome.TimedOut), await ann.NextOfferEnded());
    }
}
