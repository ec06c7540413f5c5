using Routing.Abstractions;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.Grains.Tests.Infrastructure;
using static Routing.Grains.Tests.Infrastructure.TestCentre;

namespace Routing.Grains.Tests.Lifecycle;

/// <summary>A finished interaction leaves memory after <see cref="RoutingGrainOptions.FinishedLinger"/> (1 s in these
/// tests) and still answers from its stored state; an unfinished one stays.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FinishedActivationTests(ClusterFixture fixture)
{
    /// <summary>Orleans announces no deactivation, so the test asks the silos' catalogs until the activation is gone.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly TestCentre _centre = new(fixture.Client);

    [Fact]
    public async Task Completed_LeavesMemoryAfterTheLinger_AnswersFromItsState_WhileAConnectedCallStays()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann"), Agent("bob")]);
        var ann = await _centre.Ready("ann");
        var finished = await _centre.ConnectedCall("sales", ann, "ann");
        var bob = await _centre.Ready("bob");
        var talking = await _centre.ConnectedCall("sales", bob, "bob");

        await _centre.InteractionGrain(finished).Complete("ann", new Disposition("sold", "two seats"));
        await WaitUntilGoneAsync(finished);

        Assert.True(await IsInMemoryAsync(talking));
        var answered = await _centre.InteractionGrain(finished).GetSnapshot();
        Assert.Equal(InteractionStatus.Completed, answered.Status);
        Assert.Equal("sold", answered.Disposition?.Code);
        Assert.Equal("ann", answered.AgentId);
        var repeated = await _centre.InteractionGrain(finished).Complete("ann", new Disposition("sold", "two seats"));
        Assert.Equal(InteractionStatus.Completed, repeated.Status);
        // The talking call lost nothing while the other left: its agent can still end it.
        Assert.Equal(InteractionStatus.WrapUp, (await _centre.InteractionGrain(talking).End("bob")).Status);
    }

    [Fact]
    public async Task Abandoned_ReadAgainAfterLeaving_LeavesAgain()
    {
        await _centre.Apply([Queue("sales")], []);
        var call = await _centre.Call("sales");
        await _centre.InteractionGrain(call).Hangup();
        await WaitUntilGoneAsync(call);

        Assert.Equal(InteractionStatus.Abandoned, (await _centre.InteractionGrain(call).GetSnapshot()).Status);

        await WaitUntilGoneAsync(call);
    }

    /// <summary>Whether a silo's catalog holds the interaction's activation (the directory's answer can lag).</summary>
    private async Task<bool> IsInMemoryAsync(string interactionId)
    {
        var id = _centre.InteractionGrain(interactionId).GetGrainId();
        return (await fixture.Client.GetGrain<IManagementGrain>(0).GetActiveGrains(id.Type)).Contains(id);
    }

    private async Task WaitUntilGoneAsync(string interactionId)
    {
        var giveUpAt = DateTimeOffset.UtcNow + Patience;
        while (await IsInMemoryAsync(interactionId))
        {
            Assert.True(DateTimeOffset.UtcNow < giveUpAt, $"interaction '{interactionId}' was still in memory {Patience.TotalSeconds:N0} s after it finished");
            await Task.Delay(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
        }
    }
}
