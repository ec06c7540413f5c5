using Grpc.Core;
using Routing.Contracts.V1;
using Routing.Server.Tests.Agents;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Gateway;

/// <summary>A fresh tenant for one gateway test (queues sales with agents ann and bob, support with sam; each agent's
/// configured endpoint is sip:&lt;agent&gt;@example), and what a SIP gateway does with it: calls, offers, watches.
/// Disposing it drops the agent apps it connected.</summary>
internal sealed class GatewayCentre(EdgeFixture fixture) : IDisposable
{
    private readonly List<AgentApp> _apps = [];

    public string Tenant { get; } = $"t-{Guid.NewGuid():N}"[..20];

    public InteractionService.InteractionServiceClient Interactions { get; } = new(fixture.Channel);

    public RegistrationService.RegistrationServiceClient Registration { get; } = new(fixture.Channel);

    /// <summary>Call options of the tenant's gateway.</summary>
    public CallOptions Gateway => fixture.As(Tenant, ["gateway"]);

    public static async Task<GatewayCentre> Configured(EdgeFixture fixture)
    {
        var centre = new GatewayCentre(fixture);
        await TransferEdgeTests.ApplyCentre(fixture, centre.Tenant);
        return centre;
    }

    /// <summary>The agent's app, connected and ready.</summary>
    public async Task<AgentApp> ReadyApp(string agentId)
    {
        var app = await AgentApp.Connect(fixture, Tenant, agentId);
        _apps.Add(app);
        Assert.True((await app.Send(new AgentCommand { SetReady = new SetReady() })).Ok);
        return app;
    }

    /// <summary>A new call in sales, waiting.</summary>
    public async Task<string> Call() =>
        (await Interactions.CreateAsync(new CreateInteractionRequest { QueueId = "sales", CustomerNumber = "+33123456789" }, Gateway)).InteractionId;

    /// <summary>A new call in sales, ringing at <paramref name="app"/> (the only ready agent of sales).</summary>
    public async Task<string> CallOfferedTo(AgentApp app)
    {
        var call = await Call();
        await app.OfferOf(call);
        return call;
    }

    /// <summary>A new call in sales that the gateway answered for <paramref name="agentId"/> (its phone's 200 OK).</summary>
    public async Task<string> CallAnsweredBy(AgentApp app, string agentId)
    {
        var call = await CallOfferedTo(app);
        Assert.Equal(InteractionStatus.Connected, (await Answer(call, agentId)).Status);
        return call;
    }

    public async Task<InteractionSnapshot> Answer(string call, string agentId) =>
        await Interactions.AnswerAsync(new AgentAnswerRequest { InteractionId = call, AgentId = agentId }, Gateway);

    public async Task<InteractionSnapshot> Decline(string call, string agentId) =>
        await Interactions.DeclineAsync(new AgentDeclineRequest { InteractionId = call, AgentId = agentId }, Gateway);

    public async Task<InteractionSnapshot> AgentHangup(string call, string agentId) =>
        await Interactions.HangupAsync(new HangupRequest { InteractionId = call, AgentId = agentId }, Gateway);

    public async Task<InteractionSnapshot> Read(string call) =>
        await Interactions.GetAsync(new GetInteractionRequest { InteractionId = call }, Gateway);

    /// <summary>The gateway's watch of <paramref name="call"/>, with a deadline long enough for a whole test.</summary>
    public AsyncServerStreamingCall<InteractionEvent> Watch(string call) =>
        Interactions.Watch(new WatchInteractionRequest { InteractionId = call }, AgentApp.LongCall(fixture, Tenant, ["gateway"]));

    /// <summary>Records <paramref name="contactUri"/> as where <paramref name="agentId"/>'s phone registered, for <paramref name="lifetime"/>.</summary>
    public async Task<AgentContact> Register(string agentId, string contactUri, TimeSpan lifetime) =>
        await Registration.SetAgentContactAsync(new SetAgentContactRequest
        {
            AgentId = agentId,
            ContactUri = contactUri,
            ExpiresAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow + lifetime),
        }, Gateway);

    public async Task<AgentContact> ContactOf(string agentId) =>
        await Registration.GetAgentContactAsync(new GetAgentContactRequest { AgentId = agentId }, Gateway);

    /// <summary>Asserts <paramref name="call"/> is refused with <paramref name="status"/> and a detail saying <paramref name="says"/>.</summary>
    public static async Task Refused<T>(StatusCode status, string says, Func<AsyncUnaryCall<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var refused = await Assert.ThrowsAsync<RpcException>(() => call().ResponseAsync);
        Assert.Equal(status, refused.StatusCode);
        Assert.Contains(says, refused.Status.Detail, StringComparison.Ordinal);
    }

    public void Dispose() => _apps.ForEach(app => app.Dispose());
}
