using Microsoft.Extensions.DependencyInjection;
using Routing.Abstractions;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Agents;

/// <summary>Two hundred streams for one agent at once, on a server whose bucket lets them all connect.</summary>
[Collection(SlowRefillCollection.Name)]
public sealed class SessionRaceTests(SlowRefillEdgeFixture fixture)
{
    [Fact]
    public async Task Connect_TwoHundredStreamsForOneAgentAtOnce_OneStaysOpenAndAcceptsCommandsEveryOtherEnds()
    {
        var tenant = await RaceStream.FreshTenant(fixture.Channel, fixture.SigningKey);
        var streams = await RaceStream.OpenAll([fixture.Channel], fixture.Token(tenant, ["agent"], "ann"), 200);
        try
        {
            var survivor = await RaceStream.Survivor(streams);

            var accepted = await survivor.Send(new AgentCommand { Login = new Login() });
            Assert.True(accepted?.Ok, accepted?.Message);
            foreach (var ended in streams.Where(s => s != survivor))
            {
                Assert.Equal(ended.Started.SessionId, ended.SessionEnded?.SessionId);
                Assert.Null(await ended.Send(new AgentCommand { Logout = new Logout() }));
            }
            var grains = fixture.Services.GetRequiredService<IGrainFactory>();
            Assert.Equal(survivor.Started.SessionId, await grains.Agent(tenant, "ann").GetSessionId());
            Assert.Equal(Routing.Core.Presence.NotReady, (await grains.Agent(tenant, "ann").GetSnapshot()).Presence);
        }
        finally
        {
            Array.ForEach(streams, s => s.Dispose());
        }
    }
}
