using Routing.Client.Agents;
using Routing.Contracts.V1;
using Routing.Server.Tests.Agents;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Client;

/// <summary>Transfers through Routing.Client agent sessions.</summary>
[Collection(EdgeCollection.Name)]
public sealed class TransferClientTests(EdgeFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly string _tenant = $"t-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Session_TransferToAgent_TargetOfferedAndFirstAgentToldItsPartEnded()
    {
        await TransferEdgeTests.ApplyCentre(fixture, _tenant);
        using var gateway = fixture.Client(_tenant, ["gateway"]);
        using var annClient = fixture.Client(_tenant, ["agent"], "ann");
        using var bobClient = fixture.Client(_tenant, ["agent"], "bob");
        await using var ann = await annClient.OpenAgentSessionAsync(cancellationToken: Cancel);
        await ann.SetReadyAsync(Cancel);
        var call = await gateway.Interactions.CreateAsync(new CreateInteractionRequest { QueueId = "sales" }, Cancel);
        await SessionEvents.OfferOf(ann, call.InteractionId);
        await ann.AcceptAsync(call.InteractionId, Cancel);
        await using var bob = await bobClient.OpenAgentSessionAsync(cancellationToken: Cancel);
        await bob.SetReadyAsync(Cancel);

        await ann.TransferToAgentAsync(call.InteractionId, "bob", consult: true, cancellationToken: Cancel);
        var consult = await SessionEvents.OfferOf(bob, call.InteractionId);
        Assert.Equal(("ann", true), (consult.Offer.TransferredFromAgentId, consult.Offer.Consult));
        await ann.CancelConsultAsync(call.InteractionId, Cancel);
        Assert.Equal(OfferOutcome.Rescinded, (await SessionEvents.Until<OfferClosed>(bob)).Outcome);

        await ann.TransferToAgentAsync(call.InteractionId, "bob", cancellationToken: Cancel);

        var ended = await SessionEvents.Until<TransferUpdated>(ann);
        Assert.Equal((call.InteractionId, TransferUpdateKind.Transferred), (ended.Update.InteractionId, ended.Update.Kind));
        var offer = await SessionEvents.OfferOf(bob, call.InteractionId);
        Assert.Equal(("ann", false), (offer.Offer.TransferredFromAgentId, offer.Offer.Consult));
        await bob.AcceptAsync(call.InteractionId, Cancel);
        var read = await gateway.Interactions.GetAsync(call.InteractionId, Cancel);
        Assert.Equal((InteractionStatus.Connected, "bob"), (read.Status, read.AgentId));
        var refused = await Assert.ThrowsAsync<AgentCommandException>(() => ann.TransferToQueueAsync(call.InteractionId, "support", cancellationToken: Cancel));
        Assert.Equal(Grpc.Core.StatusCode.FailedPrecondition, refused.StatusCode);
    }
}
