using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Gateway;

/// <summary>A SIP gateway's registrar records where an agent's phone registered; offers then name that contact, before
/// the endpoint in the agent's configuration, until it is cleared or expires. Each test has a tenant of its own.</summary>
[Collection(EdgeCollection.Name)]
public sealed class AgentRegistrationEdgeTests(EdgeFixture fixture)
{
    private const string Desk = "sip:ann@192.0.2.10:5062;transport=tcp";

    [Fact]
    public async Task SetAgentContact_WatchNamesItOnOfferedAndConnected_AndOnceClearedTheConfiguredEndpoint()
    {
        using var centre = await GatewayCentre.Configured(fixture);
        var set = await centre.Register("ann", Desk, TimeSpan.FromHours(1));
        var ann = await centre.ReadyApp("ann");
        var call = await centre.Call();
        using var watch = centre.Watch(call);
        await ann.OfferOf(call);

        var offered = await StreamAssert.Until(watch.ResponseStream, e => e.Kind == InteractionEventKind.Offered);
        await centre.Answer(call, "ann");
        var connected = await StreamAssert.Until(watch.ResponseStream, e => e.Kind == InteractionEventKind.Connected);

        Assert.Equal(("ann", Desk), (set.AgentId, set.ContactUri));
        Assert.Equal((Desk, Desk), (offered.AgentEndpoint, connected.AgentEndpoint));
        var read = await centre.ContactOf("ann");
        Assert.Equal((Desk, set.ExpiresAt), (read.ContactUri, read.ExpiresAt));

        var cleared = await centre.Registration.SetAgentContactAsync(new SetAgentContactRequest { AgentId = "ann" }, centre.Gateway);
        Assert.Equal((string.Empty, null), (cleared.ContactUri, cleared.ExpiresAt));
        Assert.Equal(string.Empty, (await centre.ContactOf("ann")).ContactUri);
        // A new watch replays the history with the agent's endpoint as it is now: the configured one.
        using var again = centre.Watch(call);
        Assert.Equal("sip:ann@example", (await StreamAssert.Until(again.ResponseStream, e => e.Kind == InteractionEventKind.Offered)).AgentEndpoint);
        Assert.Equal("sip:ann@example", (await StreamAssert.Until(again.ResponseStream, e => e.Kind == InteractionEventKind.Connected)).AgentEndpoint);
    }

    [Fact]
    public async Task GetAgentContact_OnceTheRegistrationExpired_NoneAndTheConfiguredEndpointOnOffers()
    {
        using var centre = await GatewayCentre.Configured(fixture);
        var set = await centre.Register("bob", "sips:bob@198.51.100.7", TimeSpan.FromSeconds(2));
        Assert.Equal("sips:bob@198.51.100.7", (await centre.ContactOf("bob")).ContactUri);

        // Nothing announces the expiry: poll, within a deadline.
        var deadline = set.ExpiresAt.ToDateTimeOffset() + TimeSpan.FromSeconds(10);
        AgentContact read;
        while ((read = await centre.ContactOf("bob")).ContactUri.Length > 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the expired contact was still returned 10 s after it expired");
            await Task.Delay(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
        }

        Assert.True(DateTimeOffset.UtcNow >= set.ExpiresAt.ToDateTimeOffset(), "the contact was dropped before it expired");
        Assert.Null(read.ExpiresAt);
        var bob = await centre.ReadyApp("bob");
        var call = await centre.Call();
        using var watch = centre.Watch(call);
        await bob.OfferOf(call);
        Assert.Equal("sip:bob@example", (await StreamAssert.Until(watch.ResponseStream, e => e.Kind == InteractionEventKind.Offered)).AgentEndpoint);
    }
}
