using Routing.Abstractions.Configuration;
using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.Grains.Tests.Infrastructure;

namespace Routing.Grains.Tests.Statistics;

/// <summary>A queue's waits count from when the work entered it: after a transfer, a supervisor's move or an
/// overflow the target's speed of answer, service level and longest wait leave out the time spent in the
/// first queue (and with its agent), while the work keeps its place in line by its original arrival.</summary>
[Collection(ClusterCollection.Name)]
public sealed class QueueWaitAfterMoveTests(ClusterFixture fixture)
{
    /// <summary>How long the work is held in sales first (by a ring-no-answer or the max wait, both timers).</summary>
    private static readonly TimeSpan FirstQueueTime = TimeSpan.FromSeconds(2);

    /// <summary>Support's service-level threshold: under the time spent in sales, well over the time in support.</summary>
    private static readonly TimeSpan SupportThreshold = TimeSpan.FromSeconds(1.9);

    private readonly TestCentre _centre = new(fixture.Client);

    [Fact]
    public async Task TransferAfterLongWait_TargetAnswersAtOnce_TargetCountsOnlyItsOwnWait()
    {
        await _centre.ApplySalesAndSupport(
            support => support with { ServiceLevelThreshold = SupportThreshold },
            sales => sales with { OfferTimeout = FirstQueueTime });
        var call = await CallHeldInSalesByRingNoAnswer();
        var ann = await _centre.Ready("ann");
        Assert.Equal(call, (await ann.NextOffer()).InteractionId);
        await _centre.InteractionGrain(call).Accept("ann");
        var sam = await _centre.Ready("sam");

        await _centre.InteractionGrain(call).Transfer(new TransferRequest { FromAgentId = "ann", QueueId = "support" });
        Assert.Equal(call, (await sam.NextOffer()).InteractionId);
        await _centre.InteractionGrain(call).Accept("sam");

        await AssertSupportAnsweredWithinItsOwnThreshold(call);
    }

    [Fact]
    public async Task SupervisorMoveAfterLongWait_TargetAnswersAtOnce_TargetCountsOnlyItsOwnWait()
    {
        await _centre.ApplySalesAndSupport(
            support => support with { ServiceLevelThreshold = SupportThreshold },
            sales => sales with { OfferTimeout = FirstQueueTime });
        var call = await CallHeldInSalesByRingNoAnswer();
        var sam = await _centre.Ready("sam");

        await _centre.InteractionGrain(call).MoveTo("support");
        Assert.Equal(call, (await sam.NextOffer()).InteractionId);
        await _centre.InteractionGrain(call).Accept("sam");

        await AssertSupportAnsweredWithinItsOwnThreshold(call);
    }

    [Fact]
    public async Task OverflowAfterMaxWait_TargetAnswersAtOnce_TargetCountsOnlyItsOwnWait()
    {
        await _centre.ApplySalesAndSupport(
            support => support with { ServiceLevelThreshold = SupportThreshold },
            sales => sales with { MaxWait = FirstQueueTime, Overflow = new OverflowAction { Kind = OverflowActionKind.Queue, QueueId = "support" } });
        var call = await _centre.Call("sales");

        await _centre.Gateway.WaitFor(call, e => e.Kind == InteractionEventKind.Moved);
        var waiting = await _centre.QueueGrain("support").GetStatistics();
        Assert.Equal((1, 1), (waiting.Waiting, waiting.Rolling.Offered));
        Assert.True(waiting.LongestWait < SupportThreshold, $"support's longest wait is {waiting.LongestWait}, which includes the time in sales");
        var sam = await _centre.Ready("sam");
        Assert.Equal(call, (await sam.NextOffer()).InteractionId);
        await _centre.InteractionGrain(call).Accept("sam");

        await AssertSupportAnsweredWithinItsOwnThreshold(call);
    }

    /// <summary>A sales call that rings at bob without an answer for <see cref="FirstQueueTime"/>, then waits
    /// again in sales (bob is not ready after the miss).</summary>
    private async Task<string> CallHeldInSalesByRingNoAnswer()
    {
        var bob = await _centre.Ready("bob");
        var call = await _centre.Call("sales");
        Assert.Equal(call, (await bob.NextOffer()).InteractionId);
        Assert.Equal((call, OfferOutcome.TimedOut), await bob.NextOfferEnded());
        return call;
    }

    private async Task AssertSupportAnsweredWithinItsOwnThreshold(string call)
    {
        var snapshot = await _centre.InteractionGrain(call).GetSnapshot();
        var support = (await _centre.QueueGrain("support").GetStatistics()).Rolling;

        // The customer has been in the centre longer than the threshold; only the time in support counts there.
        Assert.True(DateTimeOffset.UtcNow - snapshot.Arrival >= FirstQueueTime);
        Assert.Equal((1, 1), (support.Answered, support.AnsweredWithinThreshold));
        Assert.Equal(1.0, support.ServiceLevel);
        Assert.True(support.AverageSpeedOfAnswer < SupportThreshold, $"support's average speed of answer is {support.AverageSpeedOfAnswer}, which includes the time in sales");
    }
}
