using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Routing.Abstractions;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Agents;

/// <summary>Only the stream that holds the agent's session can act for it, even when the stream that lost
/// it was never told. (Many streams at once: <see cref="SessionRaceTests"/>.)</summary>
[Collection(EdgeCollection.Name)]
public sealed class SessionExclusivityTests(EdgeFixture fixture)
{
    [Fact]
    public async Task Command_StreamTakenOverWithoutBeingTold_RefusedAndStreamEnds()
    {
        var tenant = await RaceStream.FreshTenant(fixture.Channel, fixture.SigningKey);
        var token = fixture.Token(tenant, ["agent"], "ann");
        var agent = fixture.Services.GetRequiredService<IGrainFactory>().Agent(tenant, "ann");
        var first = Assert.Single(await RaceStream.OpenAll([fixture.Channel], token, 1));
        using var _ = first;

        // A new activation of the agent grain does not know the first stream, so cannot tell it.
        await agent.Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        var second = Assert.Single(await RaceStream.OpenAll([fixture.Channel], token, 1));
        using var __ = second;

        var refused = await first.Send(new AgentCommand { Login = new Login() });
        Assert.Equal((false, "FAILED_PRECONDITION"), (refused?.Ok, refused?.StatusCode));
        await first.Ended.WaitAsync(StreamAssert.DefaultTimeout, TestContext.Current.CancellationToken);
        Assert.Equal(first.Started.SessionId, first.SessionEnded?.SessionId);
        var accepted = await second.Send(new AgentCommand { Login = new Login() });
        Assert.True(accepted?.Ok, accepted?.Message);
        Assert.Equal(Routing.Core.Presence.NotReady, (await agent.GetSnapshot()).Presence);
    }
}
