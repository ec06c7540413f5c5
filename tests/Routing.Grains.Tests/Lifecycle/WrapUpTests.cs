using Routing.Abstractions;
using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Grains.Tests.Infrastructure;
using static Routing.Grains.Tests.Infrastructure.TestCentre;

namespace Routing.Grains.Tests.Lifecycle;

/// <summary>Wrap-up time: the agent's own instead of the queue's, and extensions on request within the queue's bound.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WrapUpTests(ClusterFixture fixture)
{
    private readonly TestCentre _centre = new(fixture.Client);

    [Fact]
    public async Task AgentOverride_ShorterThanQueues_UsedAndCompletesByItself()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann") with { WrapUpTime = TimeSpan.FromMilliseconds(300) }]);
        var ann = await _centre.Ready("ann");
        var call = await _centre.ConnectedCall("sales", ann, "ann");

        var wrapping = await _centre.InteractionGrain(call).End("ann");

        Assert.True(wrapping.WrapUpDeadline - DateTimeOffset.UtcNow < TimeSpan.FromSeconds(5), "the queue's 5 minutes were used, not the agent's 300 ms");
        var completed = await _centre.Gateway.WaitForStatus(call, InteractionStatus.Completed);
        Assert.Null(completed.Detail);
    }

    [Fact]
    public async Task Extend_UpToTheBound_MovesDeadline_BeyondIsRefusedAndChangesNothing()
    {
        await _centre.Apply([Queue("sales") with { MaxWrapUpExtension = TimeSpan.FromSeconds(60) }], [Agent("ann")]);
        var ann = await _centre.Ready("ann");
        var call = await _centre.ConnectedCall("sales", ann, "ann");
        var deadline = (await _centre.InteractionGrain(call).End("ann")).WrapUpDeadline!.Value;

        var first = await _centre.InteractionGrain(call).ExtendWrapUp("ann", TimeSpan.FromSeconds(40));
        var second = await _centre.InteractionGrain(call).ExtendWrapUp("ann", TimeSpan.FromSeconds(20));
        var refused = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain(call).ExtendWrapUp("ann", TimeSpan.FromSeconds(1)));

        Assert.Equal(deadline.AddSeconds(40), first.WrapUpDeadline);
        Assert.Equal(deadline.AddSeconds(60), second.WrapUpDeadline);
        Assert.Equal(RoutingError.FailedPrecondition, refused.Error);
        Assert.Contains("at most 60 s", refused.Message, StringComparison.Ordinal);
        var after = await _centre.InteractionGrain(call).GetSnapshot();
        Assert.Equal(deadline.AddSeconds(60), after.WrapUpDeadline);
        Assert.Equal(TimeSpan.FromSeconds(60), Assert.Single(after.Legs).WrapUpExtended);
    }

    [Fact]
    public async Task Extend_TimerReArmed_CompletesAtTheNewDeadlineNotTheOld()
    {
        await _centre.Apply([Queue("sales") with { WrapUpTime = TimeSpan.FromMilliseconds(300) }], [Agent("ann")]);
        var ann = await _centre.Ready("ann");
        var call = await _centre.ConnectedCall("sales", ann, "ann");
        var ended = DateTimeOffset.UtcNow;
        await _centre.InteractionGrain(call).End("ann");

        var extended = await _centre.InteractionGrain(call).ExtendWrapUp("ann", TimeSpan.FromMilliseconds(700));

        var completed = await _centre.Gateway.WaitForStatus(call, InteractionStatus.Completed);
        Assert.True(completed.At >= extended.WrapUpDeadline!.Value.AddMilliseconds(-50), $"completed at {completed.At:O}, before the new deadline {extended.WrapUpDeadline:O}");
        Assert.True(completed.At - ended >= TimeSpan.FromMilliseconds(950));
    }

    [Fact]
    public async Task Extend_NotInWrapUp_FailedPrecondition()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann"), Agent("bob")]);
        var ann = await _centre.Ready("ann");
        var call = await _centre.ConnectedCall("sales", ann, "ann");

        var connected = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain(call).ExtendWrapUp("ann", TimeSpan.FromSeconds(5)));
        await _centre.InteractionGrain(call).End("ann");
        var other = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain(call).ExtendWrapUp("bob", TimeSpan.FromSeconds(5)));
        var zero = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain(call).ExtendWrapUp("ann", TimeSpan.Zero));

        Assert.Equal(
            [RoutingError.FailedPrecondition, RoutingError.FailedPrecondition, RoutingError.InvalidArgument],
            new[] { connected.Error, other.Error, zero.Error });
    }

    [Fact]
    public async Task Extend_TransferredLeg_MovesThatLegsDeadlineWithinItsQueuesBound()
    {
        var (ann, call) = await _centre.AnnOnSalesCall(adjustSales: q => q with { MaxWrapUpExtension = TimeSpan.FromSeconds(30) });
        await _centre.InteractionGrain(call).Transfer(new TransferRequest { FromAgentId = "ann", QueueId = "support" });
        var deadline = (await ann.NextTransferNotice()).WrapUpDeadline!.Value;

        var extended = await _centre.InteractionGrain(call).ExtendWrapUp("ann", TimeSpan.FromSeconds(30));
        var refused = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain(call).ExtendWrapUp("ann", TimeSpan.FromSeconds(1)));

        var leg = Assert.Single(extended.Legs);
        Assert.Equal(deadline.AddSeconds(30), leg.WrapUpDeadline);
        Assert.Equal(InteractionStatus.Queued, extended.Status);
        Assert.Equal(RoutingError.FailedPrecondition, refused.Error);
    }
}
