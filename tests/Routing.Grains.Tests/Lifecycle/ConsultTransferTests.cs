using Routing.Abstractions;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.Grains.Tests.Infrastructure;

namespace Routing.Grains.Tests.Lifecycle;

/// <summary>Consult (warm) transfers: the first agent stays connected until the target accepts.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConsultTransferTests(ClusterFixture fixture)
{
    private readonly TestCentre _centre = new(fixture.Client);

    [Fact]
    public async Task ConsultAgent_Accepted_TargetConnectedAndFirstAgentReleasedIntoWrapUp()
    {
        var (ann, call) = await _centre.AnnOnSalesCall();
        var bob = await _centre.ReadyApp("bob");

        var consulting = await _centre.InteractionGrain(call).Transfer(new TransferRequest { FromAgentId = "ann", AgentId = "bob", Consult = true });

        Assert.Equal((InteractionStatus.Connected, "ann"), (consulting.Status, consulting.AgentId));
        var offer = await bob.NextOffer();
        Assert.Equal((call, "ann", true), (offer.InteractionId, offer.TransferredFromAgentId, offer.Consult));
        Assert.Equal(SlotPhase.Connected, Assert.Single((await _centre.AgentGrain("ann").GetSnapshot()).Slots).Phase);

        var connected = await _centre.InteractionGrain(call).Accept("bob");

        Assert.Equal((InteractionStatus.Connected, "bob"), (connected.Status, connected.AgentId));
        Assert.Equal(
            [InteractionEventKind.ConsultStarted, InteractionEventKind.Offered, InteractionEventKind.Transferred, InteractionEventKind.Connected],
            connected.Events.SkipWhile(e => e.Kind != InteractionEventKind.ConsultStarted).Select(e => e.Kind));
        Assert.Equal(TransferNoticeKind.Transferred, (await ann.NextTransferNotice()).Kind);
        Assert.Equal(SlotPhase.WrapUp, Assert.Single((await _centre.AgentGrain("ann").GetSnapshot()).Slots).Phase);
        Assert.Equal(SlotPhase.Connected, Assert.Single((await _centre.AgentGrain("bob").GetSnapshot()).Slots).Phase);
    }

    [Fact]
    public async Task ConsultAgent_Rejected_StaysWithFirstAgentWhoIsTold()
    {
        var (ann, bob, call) = await ConsultRingingAtBob();

        var after = await _centre.InteractionGrain(call).Reject("bob");

        Assert.Equal((InteractionStatus.Connected, "ann"), (after.Status, after.AgentId));
        Assert.Equal(InteractionEventKind.ConsultFailed, after.Events[^1].Kind);
        var notice = await ann.NextTransferNotice();
        Assert.Equal(TransferNoticeKind.ConsultFailed, notice.Kind);
        Assert.Contains("rejected", notice.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await _centre.AgentGrain("bob").GetSnapshot()).Load.Total);
        Assert.Equal(SlotPhase.Connected, Assert.Single((await _centre.AgentGrain("ann").GetSnapshot()).Slots).Phase);
        // The consult is over: the first agent may transfer again.
        await _centre.InteractionGrain(call).Transfer(new TransferRequest { FromAgentId = "ann", QueueId = "support" });
    }

    [Fact]
    public async Task ConsultAgent_NoAnswer_StaysWithFirstAgent()
    {
        var (ann, call) = await _centre.AnnOnSalesCall();
        var bob = await _centre.ReadyApp("bob");

        await _centre.InteractionGrain(call).Transfer(new TransferRequest { FromAgentId = "ann", AgentId = "bob", Consult = true, Timeout = TimeSpan.FromMilliseconds(300) });

        Assert.Equal((call, OfferOutcome.TimedOut), await bob.NextOfferEnded());
        Assert.Equal(TransferNoticeKind.ConsultFailed, (await ann.NextTransferNotice()).Kind);
        var after = await _centre.InteractionGrain(call).GetSnapshot();
        Assert.Equal((InteractionStatus.Connected, "ann"), (after.Status, after.AgentId));
    }

    [Fact]
    public async Task ConsultQueue_AcceptedByItsAgent_FirstAgentHeldItsSlotThroughout()
    {
        var (ann, call) = await _centre.AnnOnSalesCall();
        var waiting = await _centre.Call("sales");

        await _centre.InteractionGrain(call).Transfer(new TransferRequest { FromAgentId = "ann", QueueId = "support", Consult = true });
        var sam = await _centre.ReadyApp("sam");
        var offer = await sam.NextOffer();
        Assert.Equal((call, "support", true), (offer.InteractionId, offer.QueueId, offer.Consult));
        var during = await _centre.AgentGrain("ann").GetSnapshot();
        Assert.Equal((1, 1), (during.Load.Voice, during.PeakLoad.Voice));

        var connected = await _centre.InteractionGrain(call).Accept("sam");

        Assert.Equal((InteractionStatus.Connected, "sam", "support"), (connected.Status, connected.AgentId, connected.QueueId));
        Assert.Equal(1, (await _centre.QueueGrain("support").GetStatistics()).Rolling.Answered);
        Assert.Equal([waiting], (await _centre.QueueGrain("sales").GetSnapshot()).Waiting);
        // The first agent's slot is freed only when its leg completes; then it takes the waiting call.
        await _centre.InteractionGrain(call).Complete("ann", new Disposition("consulted"));
        Assert.Equal(waiting, (await ann.NextOffer()).InteractionId);
        Assert.Equal(1, (await _centre.AgentGrain("ann").GetSnapshot()).PeakLoad.Voice);
    }

    [Fact]
    public async Task Consult_CustomerHangsUp_OfferRescindedAndFirstAgentWrapsUp()
    {
        var (ann, bob, call) = await ConsultRingingAtBob();

        var hungUp = await _centre.InteractionGrain(call).Hangup();

        Assert.Equal((InteractionStatus.WrapUp, "ann"), (hungUp.Status, hungUp.AgentId));
        Assert.Contains(hungUp.Events, e => e.Kind == InteractionEventKind.ConsultCancelled && e.Detail == "customer hung up");
        Assert.Equal((call, OfferOutcome.Rescinded), await bob.NextOfferEnded());
        Assert.Equal(0, (await _centre.AgentGrain("bob").GetSnapshot()).Load.Total);
        var done = await _centre.InteractionGrain(call).Complete("ann", new Disposition("customer-left"));
        Assert.Equal(InteractionStatus.Completed, done.Status);
    }

    [Fact]
    public async Task CancelConsult_OfferRescindedAndStaysWithFirstAgent()
    {
        var (_, call) = await _centre.AnnOnSalesCall();
        await _centre.InteractionGrain(call).Transfer(new TransferRequest { FromAgentId = "ann", QueueId = "support", Consult = true });
        Assert.Equal([call], (await _centre.QueueGrain("support").GetSnapshot()).Waiting);

        var after = await _centre.InteractionGrain(call).CancelConsult("ann");

        Assert.Equal((InteractionStatus.Connected, "ann", "sales"), (after.Status, after.AgentId, after.QueueId));
        Assert.Equal(InteractionEventKind.ConsultCancelled, after.Events[^1].Kind);
        Assert.Empty((await _centre.QueueGrain("support").GetSnapshot()).Waiting);
        var again = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain(call).CancelConsult("ann"));
        Assert.Equal(RoutingError.FailedPrecondition, again.Error);
    }

    [Fact]
    public async Task Transfer_BadRequests_RefusedAndNothingChanged()
    {
        var (ann, call) = await _centre.AnnOnSalesCall();
        var waiting = await _centre.Call("sales");
        var grain = _centre.InteractionGrain(call);
        var before = await grain.GetSnapshot();

        async Task Refused(RoutingError error, IInteractionGrain target, TransferRequest request) =>
            Assert.Equal(error, (await Assert.ThrowsAsync<RoutingException>(() => target.Transfer(request))).Error);

        await Refused(RoutingError.InvalidArgument, grain, new TransferRequest { FromAgentId = "ann", AgentId = "ann" });
        await Refused(RoutingError.InvalidArgument, grain, new TransferRequest { FromAgentId = "ann", QueueId = "support", AgentId = "bob" });
        await Refused(RoutingError.InvalidArgument, grain, new TransferRequest { FromAgentId = "ann", QueueId = "support", Timeout = TimeSpan.Zero });
        await Refused(RoutingError.NotFound, grain, new TransferRequest { FromAgentId = "ann", QueueId = "nope" });
        await Refused(RoutingError.NotFound, grain, new TransferRequest { FromAgentId = "ann", AgentId = "nobody" });
        await Refused(RoutingError.NotFound, grain, new TransferRequest { FromAgentId = "ann", AgentId = "bob", FallbackQueueId = "nope" });
        await Refused(RoutingError.FailedPrecondition, grain, new TransferRequest { FromAgentId = "bob", QueueId = "support" });
        await Refused(RoutingError.FailedPrecondition, _centre.InteractionGrain(waiting), new TransferRequest { FromAgentId = "ann", QueueId = "support" });
        await Refused(RoutingError.NotFound, _centre.InteractionGrain("nope"), new TransferRequest { FromAgentId = "ann", QueueId = "support" });
        await grain.Transfer(new TransferRequest { FromAgentId = "ann", QueueId = "support", Consult = true });
        await Refused(RoutingError.FailedPrecondition, grain, new TransferRequest { FromAgentId = "ann", AgentId = "bob" });

        var after = await grain.GetSnapshot();
        Assert.Equal((before.Status, before.AgentId, before.QueueId), (after.Status, after.AgentId, after.QueueId));
        Assert.Equal(before.Events.Length + 1, after.Events.Length);
        Assert.Equal(0, (await _centre.AgentGrain("bob").GetSnapshot()).Load.Total);
    }

    /// <summary>Ann is connected to a call and consults bob, whose consult offer is ringing.</summary>
    private async Task<(AgentProbe Ann, AgentProbe Bob, string Call)> ConsultRingingAtBob()
    {
        var (ann, call) = await _centre.AnnOnSalesCall();
        var bob = await _centre.ReadyApp("bob");
        await _centre.InteractionGrain(call).Transfer(new TransferRequest { FromAgentId = "ann", AgentId = "bob", Consult = true });
        Assert.Equal(call, (await bob.NextOffer()).InteractionId);
        return (ann, bob, call);
    }
}
