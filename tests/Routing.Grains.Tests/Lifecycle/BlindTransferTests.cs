using Routing.Abstractions.Agents;
using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.Grains.Tests.Infrastructure;

namespace Routing.Grains.Tests.Lifecycle;

/// <summary>Blind transfers: the first agent's part ends at once, the interaction goes on to a queue or a named agent.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BlindTransferTests(ClusterFixture fixture)
{
    private readonly TestCentre _centre = new(fixture.Client);

    [Fact]
    public async Task BlindToQueue_KeepsArrival_AheadOfNewerWorkAndFirstAgentCompletesItsOwnLeg()
    {
        var (ann, call) = await _centre.AnnOnSalesCall();
        var newer = await _centre.Call("support");

        var transferred = await _centre.InteractionGrain(call).Transfer(new TransferRequest { FromAgentId = "ann", QueueId = "support" });

        Assert.Equal((InteractionStatus.Queued, "support"), (transferred.Status, transferred.QueueId));
        Assert.Equal([call, newer], (await _centre.QueueGrain("support").GetSnapshot()).Waiting);
        var notice = await ann.NextTransferNotice();
        Assert.Equal((call, TransferNoticeKind.Transferred), (notice.InteractionId, notice.Kind));
        Assert.NotNull(notice.WrapUpDeadline);
        Assert.Equal(SlotPhase.WrapUp, Assert.Single((await _centre.AgentGrain("ann").GetSnapshot()).Slots).Phase);

        // The first agent completes its own leg while the interaction still waits.
        var afterLeg = await _centre.InteractionGrain(call).Complete("ann", new Disposition("sent-to-support"));
        Assert.Equal(InteractionStatus.Queued, afterLeg.Status);
        Assert.Equal(new Disposition("sent-to-support"), Assert.Single(afterLeg.Legs).Disposition);
        Assert.Equal(0, (await _centre.AgentGrain("ann").GetSnapshot()).Load.Total);

        var sam = await _centre.ReadyApp("sam");
        var offer = await sam.NextOffer();
        Assert.Equal((call, "ann", false), (offer.InteractionId, offer.TransferredFromAgentId, offer.Consult));
        await _centre.InteractionGrain(call).Accept("sam");
        await _centre.InteractionGrain(call).End("sam");
        var done = await _centre.InteractionGrain(call).Complete("sam", new Disposition("solved"));

        Assert.Equal((InteractionStatus.Completed, "solved"), (done.Status, done.Disposition?.Code));
        Assert.Equal([("ann", true, "sent-to-support"), ("sam", false, "solved")], done.Legs.Select(l => (l.AgentId, l.Transferred, l.Disposition?.Code)));
        Assert.Single(done.Events, e => e.Status.IsFinal());
        Assert.Equal(1, (await _centre.QueueGrain("sales").GetStatistics()).Rolling.Answered);
        var support = (await _centre.QueueGrain("support").GetStatistics()).Rolling;
        Assert.Equal((2, 1), (support.Offered, support.Answered));
    }

    [Fact]
    public async Task BlindToQueue_QueueResetsArrival_GoesBehindWaitingWork()
    {
        var (_, call) = await _centre.AnnOnSalesCall(support => support with { TransferKeepsArrivalTime = false });
        var newer = await _centre.Call("support");
        var arrival = (await _centre.InteractionGrain(call).GetSnapshot()).Arrival;

        var transferred = await _centre.InteractionGrain(call).Transfer(new TransferRequest { FromAgentId = "ann", QueueId = "support" });

        Assert.Equal([newer, call], (await _centre.QueueGrain("support").GetSnapshot()).Waiting);
        Assert.Equal(arrival, transferred.Arrival);
    }

    [Fact]
    public async Task TransferredLeg_WrapUpTimeElapses_FirstAgentFreedWhileInteractionWaits()
    {
        var (ann, call) = await _centre.AnnOnSalesCall(adjustSales: sales => sales with { WrapUpTime = TimeSpan.FromMilliseconds(300) });

        await _centre.InteractionGrain(call).Transfer(new TransferRequest { FromAgentId = "ann", QueueId = "support" });

        // Free again after the one interaction of the day: the transferred leg's wrap-up ran out.
        await ann.WaitForState(s => s.InteractionsToday == 1 && s.Load.Total == 0);
        var leg = Assert.Single((await _centre.InteractionGrain(call).GetSnapshot()).Legs);
        Assert.NotNull(leg.CompletedAt);
        Assert.Null(leg.Disposition);
        Assert.Equal(InteractionStatus.Queued, (await _centre.InteractionGrain(call).GetSnapshot()).Status);
    }

    [Fact]
    public async Task BlindToAgent_Accepted_OfferedToThatAgentOnlyAndConnected()
    {
        var (ann, call) = await _centre.AnnOnSalesCall();
        var bob = await _centre.ReadyApp("bob");

        var transferred = await _centre.InteractionGrain(call).Transfer(new TransferRequest { FromAgentId = "ann", AgentId = "bob" });

        Assert.Equal((InteractionStatus.Offered, "bob"), (transferred.Status, transferred.AgentId));
        var offer = await bob.NextOffer();
        Assert.Equal((call, "ann", false), (offer.InteractionId, offer.TransferredFromAgentId, offer.Consult));
        Assert.Equal(TransferNoticeKind.Transferred, (await ann.NextTransferNotice()).Kind);
        var connected = await _centre.InteractionGrain(call).Accept("bob");
        Assert.Equal((InteractionStatus.Connected, "bob"), (connected.Status, connected.AgentId));
        Assert.Equal(["ann", "bob"], connected.Legs.Select(l => l.AgentId));
        Assert.Equal(SlotPhase.WrapUp, Assert.Single((await _centre.AgentGrain("ann").GetSnapshot()).Slots).Phase);
    }

    [Fact]
    public async Task BlindToAgent_Rejected_FallsBackToGivenQueueKeepingArrival()
    {
        var (_, call) = await _centre.AnnOnSalesCall();
        var arrival = (await _centre.InteractionGrain(call).GetSnapshot()).Arrival;
        var bob = await _centre.ReadyApp("bob");
        await _centre.InteractionGrain(call).Transfer(new TransferRequest { FromAgentId = "ann", AgentId = "bob", FallbackQueueId = "support" });
        await bob.NextOffer();

        var rejected = await _centre.InteractionGrain(call).Reject("bob");

        Assert.Equal((InteractionStatus.Queued, "support", arrival), (rejected.Status, rejected.QueueId, rejected.Arrival));
        Assert.Equal([call], (await _centre.QueueGrain("support").GetSnapshot()).Waiting);
        var sam = await _centre.ReadyApp("sam");
        Assert.Equal(call, (await sam.NextOffer()).InteractionId);
    }

    [Fact]
    public async Task BlindToAgent_NoAnswer_FallsBackToCurrentQueue()
    {
        var (_, call) = await _centre.AnnOnSalesCall();
        var bob = await _centre.ReadyApp("bob");

        await _centre.InteractionGrain(call).Transfer(new TransferRequest { FromAgentId = "ann", AgentId = "bob", Timeout = TimeSpan.FromMilliseconds(300) });

        Assert.Equal((call, OfferOutcome.TimedOut), await bob.NextOfferEnded());
        var queued = await _centre.Gateway.WaitFor(call, e => e.Kind == InteractionEventKind.Queued && e.Detail is not null);
        Assert.Equal("sales", queued.QueueId);
        Assert.Contains("fell back", queued.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlindToAgent_AgentNotAvailable_FallsBackAtOnce()
    {
        var (_, call) = await _centre.AnnOnSalesCall();
        await _centre.AgentGrain("bob").Login();

        var transferred = await _centre.InteractionGrain(call).Transfer(new TransferRequest { FromAgentId = "ann", AgentId = "bob" });

        Assert.Equal((InteractionStatus.Queued, "sales"), (transferred.Status, transferred.QueueId));
        Assert.Contains(transferred.Events, e => e.Kind == InteractionEventKind.Queued && e.Detail?.Contains("cannot take it", StringComparison.Ordinal) == true);
        Assert.Equal(0, (await _centre.AgentGrain("bob").GetSnapshot()).Load.Total);
    }
}
