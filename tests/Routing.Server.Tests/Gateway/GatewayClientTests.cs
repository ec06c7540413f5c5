using Grpc.Core;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Gateway;

/// <summary>Routing.Client as a SIP gateway uses it: answer, decline and the agent's hang-up for an agent's phone, and
/// its registrar's contacts.</summary>
[Collection(EdgeCollection.Name)]
public sealed class GatewayClientTests(EdgeFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Client_DeclineAnswerAndAgentHangup_MoveTheCallAsThePhoneDid()
    {
        using var centre = await GatewayCentre.Configured(fixture);
        using var gateway = fixture.Client(centre.Tenant, ["gateway"]);
        var ann = await centre.ReadyApp("ann");
        var call = await centre.CallOfferedTo(ann);

        var declined = await gateway.Interactions.DeclineAsync(call, "ann", Cancel);
        var bob = await centre.ReadyApp("bob");
        await bob.OfferOf(call);
        var answered = await gateway.Interactions.AnswerAsync(call, "bob", Cancel);
        var ended = await gateway.Interactions.AgentHangupAsync(call, "bob", Cancel);
        var refused = await Assert.ThrowsAsync<RpcException>(() => gateway.Interactions.AnswerAsync(call, "ann", Cancel));

        Assert.Equal(InteractionStatus.Queued, declined.Status);
        Assert.Equal((InteractionStatus.Connected, "bob"), (answered.Status, answered.AgentId));
        Assert.Equal((InteractionStatus.WrapUp, "bob"), (ended.Status, ended.AgentId));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
    }

    [Fact]
    public async Task Client_Registration_SetGetClear()
    {
        using var centre = await GatewayCentre.Configured(fixture);
        using var gateway = fixture.Client(centre.Tenant, ["gateway"]);
        var expiresAt = DateTimeOffset.UtcNow.AddMinutes(10);

        var set = await gateway.Registration.SetAgentContactAsync("sam", "tel:+441130555001", expiresAt, Cancel);
        var read = await gateway.Registration.GetAgentContactAsync("sam", Cancel);
        var cleared = await gateway.Registration.ClearAgentContactAsync("sam", Cancel);

        Assert.Equal(("sam", "tel:+441130555001"), (set.AgentId, set.ContactUri));
        Assert.Equal(("tel:+441130555001", expiresAt), (read.ContactUri, read.ExpiresAt.ToDateTimeOffset()));
        Assert.Equal(string.Empty, cleared.ContactUri);
        Assert.Equal(string.Empty, (await gateway.Registration.GetAgentContactAsync("sam", Cancel)).ContactUri);
    }
}
