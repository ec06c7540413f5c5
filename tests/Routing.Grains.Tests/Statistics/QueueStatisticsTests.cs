using Orleans.Core.Internal;
using Routing.Abstractions;
using Routing.Abstractions.Interactions;
using Routing.Abstractions.Queues;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.Grains.Tests.Infrastructure;
using static Routing.Grains.Tests.Infrastructure.TestCentre;

namespace Routing.Grains.Tests.Statistics;

/// <summary>A queue's live statistics, counted from what really happens to its interactions and pushed
/// to subscribers.</summary>
[Collection(ClusterCollection.Name)]
public sealed class QueueStatisticsTests(ClusterFixture fixture)
{
    private readonly TestCentre _centre = new(fixture.Client);

    [Fact]
    public async Task AnsweredAbandonedAndWaiting_CountedAndPushedWithServiceLevelAndHandleTime()
    {
        // Every abandon counts (no short-abandon allowance), so one abandon in three ends lowers the level.
        await _centre.Apply([Queue("sales") with { ShortAbandonThreshold = TimeSpan.Zero, ServiceLevelTarget = 0.9 }], [Agent("ann")]);
        var wallboard = new QueueStatisticsProbe();
        await _centre.QueueGrain("sales").Subscribe(fixture.Client.CreateObjectReference<IQueueObserver>(wallboard));
        var ann = await _centre.Ready("ann");

        foreach (var _ in Enumerable.Range(0, 2))
        {
            var call = await _centre.Call("sales");
            Assert.Equal(call, (await ann.NextOffer()).InteractionId);
            await _centre.InteractionGrain(call).Accept("ann");
            await _centre.InteractionGrain(call).Complete("ann", new Disposition("sold"));
        }
        var ringing = await _centre.Call("sales");
        Assert.Equal(ringing, (await ann.NextOffer()).InteractionId);
        await _centre.InteractionGrain(ringing).Hangup();
        await _centre.AgentGrain("ann").SetNotReady("break");
        await _centre.Call("sales");

        var pushed = await wallboard.Until(s => s.Rolling.Completed == 2 && s.Waiting == 1 && s.AgentsNotReady == 1);

        Assert.Equal((4, 2, 2, 1, 0), (pushed.Rolling.Offered, pushed.Rolling.Answered, pushed.Rolling.AnsweredWithinThreshold, pushed.Rolling.Abandoned, pushed.Rolling.ShortAbandoned));
        Assert.Equal(2.0 / 3, pushed.Rolling.ServiceLevel!.Value, 6);
        Assert.Equal(1.0 / 3, pushed.Rolling.AbandonRate!.Value, 6);
        Assert.NotNull(pushed.Rolling.AverageSpeedOfAnswer);
        Assert.NotNull(pushed.Rolling.AverageHandleTime);
        Assert.Equal((4, 2), (pushed.Today.Offered, pushed.Today.Answered));
        Assert.Equal((0, 0, 1), (pushed.AgentsAvailable, pushed.AgentsBusy, pushed.AgentsNotReady));
        Assert.Equal(0.9, pushed.ServiceLevelTarget);
        Assert.Null(pushed.EstimatedWait);

        var read = await _centre.QueueGrain("sales").GetStatistics();
        Assert.Equal((4, 1), (read.Rolling.Offered, read.Waiting));
        Assert.True(read.LongestWait > TimeSpan.Zero);
    }

    [Fact]
    public async Task ShortAbandon_LeftOutOfServiceLevelAndAbandonRate()
    {
        await _centre.Apply([Queue("sales") with { ShortAbandonThreshold = TimeSpan.FromMinutes(1) }], [Agent("ann")]);
        var wallboard = new QueueStatisticsProbe();
        await _centre.QueueGrain("sales").Subscribe(fixture.Client.CreateObjectReference<IQueueObserver>(wallboard));

        var call = await _centre.Call("sales");
        await _centre.InteractionGrain(call).Hangup();

        var pushed = await wallboard.Until(s => s.Rolling.ShortAbandoned == 1);
        Assert.Equal((1, 0, 0), (pushed.Rolling.Offered, pushed.Rolling.Abandoned, pushed.Rolling.Answered));
        Assert.Null(pushed.Rolling.ServiceLevel);
        Assert.Null(pushed.Rolling.AbandonRate);
        Assert.Equal(0, pushed.Waiting);
    }

    [Fact]
    public async Task Counts_SurviveTheQueuesReactivation()
    {
        await _centre.Apply([Queue("sales") with { ShortAbandonThreshold = TimeSpan.Zero }], [Agent("ann")]);
        var wallboard = new QueueStatisticsProbe();
        await _centre.QueueGrain("sales").Subscribe(fixture.Client.CreateObjectReference<IQueueObserver>(wallboard));
        var ann = await _centre.Ready("ann");
        var answered = await _centre.Call("sales");
        Assert.Equal(answered, (await ann.NextOffer()).InteractionId);
        await _centre.InteractionGrain(answered).Accept("ann");
        await _centre.InteractionGrain(answered).Complete("ann", new Disposition("sold"));
        await _centre.AgentGrain("ann").SetNotReady("break");
        await _centre.InteractionGrain(await _centre.Call("sales")).Hangup();
        // A completion reaches the queue as a one-way report, after the agent's Complete has returned.
        await wallboard.Until(s => s.Today.Completed == 1 && s.Today.Abandoned == 1);
        var before = await _centre.QueueGrain("sales").GetStatistics();

        // Drop the activation; the next call activates the queue from what it stored.
        await _centre.QueueGrain("sales").Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        var after = await _centre.QueueGrain("sales").GetStatistics();

        Assert.Equal((2, 1, 1, 1), (before.Today.Offered, before.Today.Answered, before.Today.Abandoned, before.Today.Completed));
        Assert.Equal((2, 1, 1, 1), (after.Today.Offered, after.Today.Answered, after.Today.Abandoned, after.Today.Completed));
        Assert.Equal((2, 1, 1), (after.Rolling.Offered, after.Rolling.Answered, after.Rolling.Abandoned));
        Assert.Equal(before.Today.Since, after.Today.Since);
        Assert.Equal(before.Rolling.AverageHandleTime, after.Rolling.AverageHandleTime);
    }

    [Fact]
    public async Task Subscribe_UnknownQueue_RefusedNotFound()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var refused = await Assert.ThrowsAsync<RoutingException>(() =>
            _centre.QueueGrain("nope").Subscribe(fixture.Client.CreateObjectReference<IQueueObserver>(new QueueStatisticsProbe())));
        Assert.Equal(RoutingError.NotFound, refused.Error);
    }
}
