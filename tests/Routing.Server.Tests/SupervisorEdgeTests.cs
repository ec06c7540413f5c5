using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests;

[Collection(EdgeCollection.Name)]
public sealed class SupervisorEdgeTests(EdgeFixture fixture)
{
    private readonly SupervisorService.SupervisorServiceClient _client = new(fixture.Channel);

    [Fact]
    public async Task WatchAgents_ForceState_StreamsInitialStateThenChanges()
    {
        // A tenant of its own, so no other test moves these agents.
        var tenant = $"t-{Guid.NewGuid():N}"[..20];
        var admin = fixture.As(tenant, ["admin"]);
        await new AdminService.AdminServiceClient(fixture.Channel).ApplyConfigurationAsync(AdminEdgeTests.Configuration(tenant), admin);
        var supervisor = fixture.As(tenant, ["supervisor"]);

        using var watch = _client.WatchAgents(new WatchAgentsRequest(), supervisor);
        var initial = await StreamAssert.Next(watch.ResponseStream);
        Assert.Equal(("zoe", Presence.Offline), (initial.AgentId, initial.Presence));

        await _client.ForceStateAsync(new ForceStateRequest { AgentId = "zoe", Presence = Presence.Available }, supervisor);
        await StreamAssert.Until(watch.ResponseStream, s => s.Presence == Presence.Available);

        var forced = await _client.ForceStateAsync(new ForceStateRequest { AgentId = "zoe", Presence = Presence.NotReady, Reason = "meeting" }, supervisor);
        Assert.Equal(Presence.NotReady, forced.Presence);
        var seen = await StreamAssert.Until(watch.ResponseStream, s => s.Presence == Presence.NotReady && s.Reason == "meeting");
        Assert.Equal("meeting", seen.Reason);

        await _client.ForceStateAsync(new ForceStateRequest { AgentId = "zoe", Presence = Presence.Offline }, supervisor);
        var offline = await StreamAssert.Until(watch.ResponseStream, s => s.Presence == Presence.Offline);
        Assert.True(offline.Version > initial.Version);
    }
}
