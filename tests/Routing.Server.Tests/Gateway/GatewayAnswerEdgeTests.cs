using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Gateway;

/// <summary>A SIP gateway in proxy mode acts for the agent's phone: its 200 OK answers the offer, its 486 or 603
/// declines it, its BYE ends the agent's side. Each test has a tenant of its own.</summary>
[Collection(EdgeCollection.Name)]
public sealed class GatewayAnswerEdgeTests(EdgeFixture fixture)
{
    [Fact]
    public async Task Answer_ByTheGateway_ConnectsTheOfferedAgent_AndAnsweringAgainChangesNothing()
    {
        using var centre = await GatewayCentre.Configured(fixture);
        var ann = await centre.ReadyApp("ann");
        var call = await centre.CallOfferedTo(ann);

        var answered = await centre.Answer(call, "ann");
        var again = await centre.Answer(call, "ann");

        Assert.Equal((InteractionStatus.Connected, "ann"), (answered.Status, answered.AgentId));
        Assert.Equal((InteractionEventKind.Connected, "ann"), (answered.Events[^1].Kind, answered.Events[^1].AgentId));
        var app = await ann.Until(e => e.StateChanged?.State.Interactions.Any(i => i.InteractionId == call && i.Phase == "CONNECTED") == true);
        Assert.Equal(1, app.StateChanged.State.Load.Voice);
        Assert.Equal((InteractionStatus.Connected, "ann", answered.Events.Count), (again.Status, again.AgentId, again.Events.Count));
        var read = await centre.Read(call);
        Assert.Equal((InteractionStatus.Connected, "ann"), (read.Status, read.AgentId));
    }

    [Fact]
    public async Task Decline_ByTheGateway_PutsTheCallBackInLine_AndTheNextReadyAgentIsOfferedIt()
    {
        using var centre = await GatewayCentre.Configured(fixture);
        var ann = await centre.ReadyApp("ann");
        var call = await centre.CallOfferedTo(ann);
        using var watch = centre.Watch(call);

        var declined = await centre.Decline(call, "ann");

        // No other agent is ready, and ann is not offered it again within the queue's re-offer delay (30 s).
        Assert.Equal(InteractionStatus.Queued, declined.Status);
        Assert.Equal(string.Empty, declined.AgentId);
        var ended = await ann.Until(e => e.OfferEnded?.InteractionId == call);
        Assert.Equal(OfferOutcome.Rejected, ended.OfferEnded.Outcome);
        var rejected = await StreamAssert.Until(watch.ResponseStream, e => e.Kind == InteractionEventKind.OfferRejected);
        Assert.Equal(("ann", InteractionStatus.Queued), (rejected.AgentId, rejected.Status));
        var bob = await centre.ReadyApp("bob");
        await bob.OfferOf(call);
        var offered = await StreamAssert.Until(watch.ResponseStream, e => e.Kind == InteractionEventKind.Offered);
        Assert.Equal(("bob", "sip:bob@example"), (offered.AgentId, offered.AgentEndpoint));
    }

    [Fact]
    public async Task AgentHangup_EndsTheAgentsConversationIntoWrapUp_WhileACustomerHangupStaysTheCustomers()
    {
        using var centre = await GatewayCentre.Configured(fixture);
        var ann = await centre.ReadyApp("ann");
        var call = await centre.CallAnsweredBy(ann, "ann");

        var ended = await centre.AgentHangup(call, "ann");
        var again = await centre.AgentHangup(call, "ann");

        Assert.Equal((InteractionStatus.WrapUp, "ann"), (ended.Status, ended.AgentId));
        Assert.Equal((InteractionEventKind.Ended, "agent ended"), (ended.Events[^1].Kind, ended.Events[^1].Detail));
        Assert.Equal((InteractionStatus.WrapUp, ended.Events.Count), (again.Status, again.Events.Count));
        await ann.Until(e => e.StateChanged?.State.Interactions.Any(i => i.InteractionId == call && i.Phase == "WRAP_UP") == true);
        // Ann is in wrap-up: bob takes the next call, and its customer hangs up.
        var bob = await centre.ReadyApp("bob");
        var second = await centre.CallAnsweredBy(bob, "bob");
        var customerLeft = await centre.Interactions.HangupAsync(new HangupRequest { InteractionId = second }, centre.Gateway);
        Assert.Equal((InteractionStatus.WrapUp, "bob"), (customerLeft.Status, customerLeft.AgentId));
        Assert.Equal((InteractionEventKind.Ended, "customer hung up"), (customerLeft.Events[^1].Kind, customerLeft.Events[^1].Detail));
    }
}
