using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;
using static Routing.Server.Tests.Gateway.GatewayCentre;

namespace Routing.Server.Tests.Gateway;

/// <summary>Bad gateway requests (answer, decline, the agent's hang-up, registrations) get a clear status and change
/// nothing: the call stays offered to ann, and ann's registered contact stays as it was. One test per class of bad input.</summary>
[Collection(EdgeCollection.Name)]
public sealed class GatewayBadInputEdgeTests(EdgeFixture fixture)
{
    private const string Desk = "sip:ann@192.0.2.10:5062";

    [Fact]
    public async Task MalformedIds_InvalidArgument_NothingChanged()
    {
        using var centre = await Registered();
        var call = await OfferedToAnn(centre);
        var client = centre.Interactions;
        var gateway = centre.Gateway;

        await Refused(StatusCode.InvalidArgument, "interaction id 'no such id'", () => client.AnswerAsync(new AgentAnswerRequest { InteractionId = "no such id", AgentId = "ann" }, gateway));
        await Refused(StatusCode.InvalidArgument, "interaction id is missing", () => client.DeclineAsync(new AgentDeclineRequest { AgentId = "ann" }, gateway));
        await Refused(StatusCode.InvalidArgument, "agent id is missing", () => client.AnswerAsync(new AgentAnswerRequest { InteractionId = call }, gateway));
        await Refused(StatusCode.InvalidArgument, "agent id 'ann smith'", () => client.DeclineAsync(new AgentDeclineRequest { InteractionId = call, AgentId = "ann smith" }, gateway));
        await Refused(StatusCode.InvalidArgument, "longer than", () => client.HangupAsync(new HangupRequest { InteractionId = call, AgentId = new string('a', 65) }, gateway));
        await Refused(StatusCode.InvalidArgument, "agent id 'ann/desk'", () => centre.Registration.SetAgentContactAsync(new SetAgentContactRequest { AgentId = "ann/desk", ContactUri = "sip:x@example", ExpiresAt = InAnHour() }, gateway));
        await Refused(StatusCode.InvalidArgument, "agent id is missing", () => centre.Registration.GetAgentContactAsync(new GetAgentContactRequest(), gateway));

        await StillOfferedToAnn(centre, call);
        await StillRegistered(centre);
    }

    [Fact]
    public async Task NotOfferedToThatAgent_FailedPrecondition_NothingChanged()
    {
        using var centre = await Registered();
        var call = await OfferedToAnn(centre);
        // Ann's voice slot is taken by the offer and no one else is ready: this one waits.
        var waiting = await centre.Call();
        var client = centre.Interactions;
        var gateway = centre.Gateway;

        await Refused(StatusCode.FailedPrecondition, "agent 'bob' cannot accept", () => client.AnswerAsync(new AgentAnswerRequest { InteractionId = call, AgentId = "bob" }, gateway));
        await Refused(StatusCode.FailedPrecondition, "agent 'bob' cannot reject", () => client.DeclineAsync(new AgentDeclineRequest { InteractionId = call, AgentId = "bob" }, gateway));
        await Refused(StatusCode.FailedPrecondition, "agent 'ann' cannot end", () => client.HangupAsync(new HangupRequest { InteractionId = call, AgentId = "ann" }, gateway));
        await Refused(StatusCode.FailedPrecondition, "agent 'ann' cannot accept", () => client.AnswerAsync(new AgentAnswerRequest { InteractionId = waiting, AgentId = "ann" }, gateway));
        await Refused(StatusCode.FailedPrecondition, "agent 'ann' cannot reject", () => client.DeclineAsync(new AgentDeclineRequest { InteractionId = waiting, AgentId = "ann" }, gateway));

        await StillOfferedToAnn(centre, call);
        var read = await centre.Read(waiting);
        Assert.Equal((InteractionStatus.Queued, 1), (read.Status, read.Events.Count));
    }

    [Fact]
    public async Task UnknownInteraction_NotFound_AndNothingCreated()
    {
        using var centre = await Registered();
        var call = await OfferedToAnn(centre);
        var unknown = $"call-{Guid.NewGuid():N}";
        var client = centre.Interactions;
        var gateway = centre.Gateway;

        await Refused(StatusCode.NotFound, "does not exist", () => client.AnswerAsync(new AgentAnswerRequest { InteractionId = unknown, AgentId = "ann" }, gateway));
        await Refused(StatusCode.NotFound, "does not exist", () => client.DeclineAsync(new AgentDeclineRequest { InteractionId = unknown, AgentId = "ann" }, gateway));
        await Refused(StatusCode.NotFound, "does not exist", () => client.HangupAsync(new HangupRequest { InteractionId = unknown, AgentId = "ann" }, gateway));

        await Refused(StatusCode.NotFound, "does not exist", () => client.GetAsync(new GetInteractionRequest { InteractionId = unknown }, gateway));
        await StillOfferedToAnn(centre, call);
    }

    [Fact]
    public async Task AnotherTenantsInteractionOrAgent_NotFoundOrUnseen_NothingChanged()
    {
        using var centre = await Registered();
        var call = await OfferedToAnn(centre);
        // The other tenant has agents of the same names, but not this tenant's call or registration.
        using var other = await GatewayCentre.Configured(fixture);
        var client = other.Interactions;

        await Refused(StatusCode.NotFound, "does not exist", () => client.AnswerAsync(new AgentAnswerRequest { InteractionId = call, AgentId = "ann" }, other.Gateway));
        await Refused(StatusCode.NotFound, "does not exist", () => client.DeclineAsync(new AgentDeclineRequest { InteractionId = call, AgentId = "ann" }, other.Gateway));
        await Refused(StatusCode.NotFound, "does not exist", () => client.HangupAsync(new HangupRequest { InteractionId = call, AgentId = "ann" }, other.Gateway));
        Assert.Equal(string.Empty, (await other.ContactOf("ann")).ContactUri);
        await Refused(StatusCode.NotFound, "is not configured", () => centre.Registration.GetAgentContactAsync(new GetAgentContactRequest { AgentId = "gus" }, fixture.As("acme", ["gateway"])));

        await StillOfferedToAnn(centre, call);
        await StillRegistered(centre);
    }

    [Fact]
    public async Task AgentRoleToken_PermissionDenied_NothingChanged()
    {
        using var centre = await Registered();
        var call = await OfferedToAnn(centre);
        var client = centre.Interactions;
        // Ann's own app token: it answers over its own stream, not on a gateway's behalf.
        var agent = fixture.As(centre.Tenant, ["agent"], agentId: "ann");

        await Refused(StatusCode.PermissionDenied, "needs role 'gateway' or 'admin'", () => client.AnswerAsync(new AgentAnswerRequest { InteractionId = call, AgentId = "ann" }, agent));
        await Refused(StatusCode.PermissionDenied, "needs role 'gateway' or 'admin'", () => client.DeclineAsync(new AgentDeclineRequest { InteractionId = call, AgentId = "ann" }, agent));
        await Refused(StatusCode.PermissionDenied, "needs role 'gateway' or 'admin'", () => client.HangupAsync(new HangupRequest { InteractionId = call, AgentId = "ann" }, agent));
        await Refused(StatusCode.PermissionDenied, "needs role 'gateway' or 'admin'", () => centre.Registration.SetAgentContactAsync(new SetAgentContactRequest { AgentId = "ann", ContactUri = "sip:elsewhere@203.0.113.9", ExpiresAt = InAnHour() }, agent));
        await Refused(StatusCode.PermissionDenied, "needs role 'gateway' or 'admin'", () => centre.Registration.GetAgentContactAsync(new GetAgentContactRequest { AgentId = "ann" }, agent));

        await StillOfferedToAnn(centre, call);
        await StillRegistered(centre);
    }

    [Fact]
    public async Task AgentHangupWithCancelCallback_InvalidArgument_StillConnected()
    {
        using var centre = await GatewayCentre.Configured(fixture);
        var ann = await centre.ReadyApp("ann");
        var call = await centre.CallAnsweredBy(ann, "ann");

        await Refused(StatusCode.InvalidArgument, "cancel_callback is the customer's", () =>
            centre.Interactions.HangupAsync(new HangupRequest { InteractionId = call, AgentId = "ann", CancelCallback = true }, centre.Gateway));
        // The request is wrong whatever the interaction: it is told so before the interaction is looked up.
        await Refused(StatusCode.InvalidArgument, "cancel_callback is the customer's", () =>
            centre.Interactions.HangupAsync(new HangupRequest { InteractionId = $"call-{Guid.NewGuid():N}", AgentId = "ann", CancelCallback = true }, centre.Gateway));

        var read = await centre.Read(call);
        Assert.Equal((InteractionStatus.Connected, "ann", InteractionEventKind.Connected), (read.Status, read.AgentId, read.Events[^1].Kind));
    }

    [Fact]
    public async Task SetAgentContact_UnknownAgent_NotFound_AndNothingRecorded()
    {
        using var centre = await GatewayCentre.Configured(fixture);

        await Refused(StatusCode.NotFound, "agent 'nobody' is not configured", () =>
            centre.Registration.SetAgentContactAsync(new SetAgentContactRequest { AgentId = "nobody", ContactUri = "sip:nobody@example", ExpiresAt = InAnHour() }, centre.Gateway));

        await Refused(StatusCode.NotFound, "agent 'nobody' is not configured", () =>
            centre.Registration.GetAgentContactAsync(new GetAgentContactRequest { AgentId = "nobody" }, centre.Gateway));
    }

    [Fact]
    public async Task SetAgentContact_NotASipOrTelUri_InvalidArgument_PreviousContactKept()
    {
        using var centre = await Registered();

        foreach (var uri in new[] { "http://192.0.2.10/ann", "sip:ann @192.0.2.10", "ann@192.0.2.10", "sip:" + new string('a', 253) })
        {
            await Refused(StatusCode.InvalidArgument, "contact_uri must be a sip:, sips: or tel: URI of at most 256", () =>
                centre.Registration.SetAgentContactAsync(new SetAgentContactRequest { AgentId = "ann", ContactUri = uri, ExpiresAt = InAnHour() }, centre.Gateway));
        }

        await StillRegistered(centre);
    }

    [Fact]
    public async Task SetAgentContact_ExpiryMissingPastOrBeyond24Hours_InvalidArgument_PreviousContactKept()
    {
        using var centre = await Registered();
        var cases = new (Timestamp? ExpiresAt, string Says)[]
        {
            (null, "expires_at is required"),
            (Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(-1)), "expires_at must be within the next 24 hours"),
            (Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(25)), "expires_at must be within the next 24 hours"),
            (new Timestamp { Seconds = long.MaxValue }, "expires_at is not a valid timestamp"),
        };

        foreach (var (expiresAt, says) in cases)
        {
            await Refused(StatusCode.InvalidArgument, says, () =>
                centre.Registration.SetAgentContactAsync(new SetAgentContactRequest { AgentId = "ann", ContactUri = "sip:ann@203.0.113.9", ExpiresAt = expiresAt }, centre.Gateway));
        }

        await StillRegistered(centre);
    }

    /// <summary>A new call, ringing at ann's ready app.</summary>
    private static async Task<string> OfferedToAnn(GatewayCentre centre) => await centre.CallOfferedTo(await centre.ReadyApp("ann"));

    /// <summary>A fresh tenant where ann's phone registered at <see cref="Desk"/>.</summary>
    private async Task<GatewayCentre> Registered()
    {
        var centre = await GatewayCentre.Configured(fixture);
        await centre.Register("ann", Desk, TimeSpan.FromHours(1));
        return centre;
    }

    private static async Task StillOfferedToAnn(GatewayCentre centre, string call)
    {
        var read = await centre.Read(call);
        Assert.Equal((InteractionStatus.Offered, "ann", InteractionEventKind.Offered), (read.Status, read.AgentId, read.Events[^1].Kind));
    }

    private static async Task StillRegistered(GatewayCentre centre) =>
        Assert.Equal(Desk, (await centre.ContactOf("ann")).ContactUri);

    private static Timestamp InAnHour() => Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1));
}
