using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Agents;

/// <summary>Transfers through the real edge: agent apps over their streams, the gateway's Transfer call and
/// watch. Each test has a tenant of its own (queues sales and support; agents ann, bob in sales, sam in support).</summary>
[Collection(EdgeCollection.Name)]
public sealed class TransferEdgeTests(EdgeFixture fixture)
{
    private readonly InteractionService.InteractionServiceClient _interactions = new(fixture.Channel);
    private readonly string _tenant = $"t-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task AgentApp_BlindTransferToQueue_AnotherAgentTakesItAndGatewaySeesEvents()
    {
        await ApplyCentre();
        using var ann = await ReadyApp("ann");
        var (call, watch) = await CallConnectedTo(ann);

        var result = await ann.Send(new AgentCommand { Transfer = new Transfer { InteractionId = call, Target = new TransferTarget { QueueId = "support" } } });

        Assert.True(result.Ok, result.Message);
        var update = (await ann.Until(e => e.EventCase == AgentEvent.EventOneofCase.TransferUpdate)).TransferUpdate;
        Assert.Equal((call, TransferUpdateKind.Transferred), (update.InteractionId, update.Kind));
        Assert.NotNull(update.WrapUpDeadline);
        var transferred = await StreamAssert.Until(watch.ResponseStream, e => e.Kind == InteractionEventKind.Transferred);
        Assert.Equal(("ann", InteractionStatus.Queued, "support"), (transferred.AgentId, transferred.Status, transferred.QueueId));

        using var sam = await ReadyApp("sam");
        var offer = await sam.OfferOf(call);
        Assert.Equal(("ann", false), (offer.TransferredFromAgentId, offer.Consult));
        Assert.True((await sam.Send(new AgentCommand { Accept = new Accept { InteractionId = call } })).Ok);
        var connected = await StreamAssert.Until(watch.ResponseStream, e => e.Kind == InteractionEventKind.Connected);
        Assert.Equal(("sam", "sip:sam@example"), (connected.AgentId, connected.AgentEndpoint));

        Assert.True((await ann.Send(Complete(call, "passed-on"))).Ok);
        Assert.True((await sam.Send(Complete(call, "solved"))).Ok);
        var completed = await StreamAssert.Until(watch.ResponseStream, e => e.Kind == InteractionEventKind.Completed);
        Assert.Equal("sam", completed.AgentId);
        var final = await _interactions.GetAsync(new GetInteractionRequest { InteractionId = call }, Gateway);
        Assert.Equal([("ann", true, "passed-on"), ("sam", false, "solved")], final.Legs.Select(l => (l.AgentId, l.Transferred, l.Disposition.Code)));
    }

    [Fact]
    public async Task AgentApp_ConsultTransferToAgent_FirstAgentReleasedWhenTargetAccepts()
    {
        await ApplyCentre();
        using var ann = await ReadyApp("ann");
        var (call, watch) = await CallConnectedTo(ann);
        using var bob = await ReadyApp("bob");

        var result = await ann.Send(new AgentCommand { Transfer = new Transfer { InteractionId = call, Target = new TransferTarget { AgentId = "bob", Consult = true } } });

        Assert.True(result.Ok, result.Message);
        var offer = await bob.OfferOf(call);
        Assert.Equal(("ann", true), (offer.TransferredFromAgentId, offer.Consult));
        Assert.Equal(InteractionStatus.Connected, (await StreamAssert.Until(watch.ResponseStream, e => e.Kind == InteractionEventKind.ConsultStarted)).Status);
        Assert.True((await bob.Send(new AgentCommand { Accept = new Accept { InteractionId = call } })).Ok);

        Assert.Equal(TransferUpdateKind.Transferred, (await ann.Until(e => e.EventCase == AgentEvent.EventOneofCase.TransferUpdate)).TransferUpdate.Kind);
        Assert.Equal("ann", (await StreamAssert.Until(watch.ResponseStream, e => e.Kind == InteractionEventKind.Transferred)).AgentId);
        Assert.Equal("bob", (await StreamAssert.Until(watch.ResponseStream, e => e.Kind == InteractionEventKind.Connected)).AgentId);
    }

    [Fact]
    public async Task AgentApp_ConsultRejected_ToldConsultFailedAndStillConnected()
    {
        await ApplyCentre();
        using var ann = await ReadyApp("ann");
        var (call, _) = await CallConnectedTo(ann);
        using var bob = await ReadyApp("bob");
        await ann.Send(new AgentCommand { Transfer = new Transfer { InteractionId = call, Target = new TransferTarget { AgentId = "bob", Consult = true } } });
        await bob.OfferOf(call);

        Assert.True((await bob.Send(new AgentCommand { Reject = new Reject { InteractionId = call } })).Ok);

        var update = (await ann.Until(e => e.EventCase == AgentEvent.EventOneofCase.TransferUpdate)).TransferUpdate;
        Assert.Equal(TransferUpdateKind.ConsultFailed, update.Kind);
        var read = await _interactions.GetAsync(new GetInteractionRequest { InteractionId = call }, Gateway);
        Assert.Equal((InteractionStatus.Connected, "ann"), (read.Status, read.AgentId));
    }

    [Fact]
    public async Task Transfer_BadInput_ClearStatusAndNothingChanged()
    {
        await ApplyCentre();
        using var ann = await ReadyApp("ann");
        var (call, _) = await CallConnectedTo(ann);
        var waiting = await _interactions.CreateAsync(new CreateInteractionRequest { QueueId = "support" }, Gateway);

        await Refused(StatusCode.NotFound, call, new TransferTarget { QueueId = "nope" });
        await Refused(StatusCode.NotFound, call, new TransferTarget { AgentId = "nobody" });
        await Refused(StatusCode.InvalidArgument, call, new TransferTarget { AgentId = "ann" });
        await Refused(StatusCode.InvalidArgument, call, new TransferTarget());
        await Refused(StatusCode.InvalidArgument, call, null);
        await Refused(StatusCode.InvalidArgument, call, new TransferTarget { QueueId = "support", Timeout = Duration.FromTimeSpan(TimeSpan.FromHours(1)) });
        await Refused(StatusCode.FailedPrecondition, call, new TransferTarget { QueueId = "support" }, agentId: "bob");
        await Refused(StatusCode.FailedPrecondition, waiting.InteractionId, new TransferTarget { QueueId = "sales" });
        await Refused(StatusCode.NotFound, call, new TransferTarget { QueueId = "support" }, tenant: "acme");
        await Refused(StatusCode.PermissionDenied, call, new TransferTarget { QueueId = "support" }, roles: ["agent"]);
        var notMine = await ann.Send(new AgentCommand { Transfer = new Transfer { InteractionId = waiting.InteractionId, Target = new TransferTarget { QueueId = "sales" } } });
        Assert.Equal((false, "FAILED_PRECONDITION"), (notMine.Ok, notMine.StatusCode));
        Assert.True((await ann.Send(new AgentCommand { Transfer = new Transfer { InteractionId = call, Target = new TransferTarget { QueueId = "support", Consult = true } } })).Ok);
        await Refused(StatusCode.FailedPrecondition, call, new TransferTarget { AgentId = "bob" });

        var read = await _interactions.GetAsync(new GetInteractionRequest { InteractionId = call }, Gateway);
        Assert.Equal((InteractionStatus.Connected, "ann", "sales"), (read.Status, read.AgentId, read.QueueId));
        Assert.Single(read.Legs);
        Assert.Equal(InteractionEventKind.ConsultStarted, read.Events[^1].Kind);
        var cancelled = await ann.Send(new AgentCommand { CancelConsult = new CancelConsult { InteractionId = call } });
        Assert.True(cancelled.Ok, cancelled.Message);
    }

    private CallOptions Gateway => fixture.As(_tenant, ["gateway"]);

    private async Task Refused(StatusCode expected, string interactionId, TransferTarget? target, string agentId = "", string? tenant = null, string[]? roles = null)
    {
        var request = new TransferInteractionRequest { InteractionId = interactionId, AgentId = agentId, Target = target };
        var options = fixture.As(tenant ?? _tenant, roles ?? ["gateway"], roles is null ? null : "ann");
        var refused = await Assert.ThrowsAsync<RpcException>(() => _interactions.TransferAsync(request, options).ResponseAsync);
        Assert.Equal(expected, refused.StatusCode);
        Assert.False(string.IsNullOrEmpty(refused.Status.Detail));
    }

    private Task ApplyCentre() => ApplyCentre(fixture, _tenant);

    /// <summary>Configures <paramref name="tenant"/> with queues sales (agents ann, bob) and support (agent sam).</summary>
    internal static async Task ApplyCentre(EdgeFixture fixture, string tenant)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var centre = new TenantConfiguration
        {
            TenantId = tenant,
            Queues =
            {
                new QueueDefinition { QueueId = "sales", RequiredSkills = { new SkillRequirement { Skill = "sales", MinimumLevel = 1 } } },
                new QueueDefinition { QueueId = "support", RequiredSkills = { new SkillRequirement { Skill = "support", MinimumLevel = 1 } } },
            },
        };
        foreach (var (agent, skill) in new[] { ("ann", "sales"), ("bob", "sales"), ("sam", "support") })
        {
            centre.Agents.Add(new AgentDefinition { AgentId = agent, Skills = { new SkillLevel { Skill = skill, Level = 3 } }, Endpoint = $"sip:{agent}@example" });
        }
        await new AdminService.AdminServiceClient(fixture.Channel).ApplyConfigurationAsync(centre, fixture.As(tenant, ["admin"]));
    }

    private async Task<AgentApp> ReadyApp(string agentId)
    {
        var app = await AgentApp.Connect(fixture, _tenant, agentId);
        Assert.True((await app.Send(new AgentCommand { SetReady = new SetReady() })).Ok);
        return app;
    }

    /// <summary>A call in sales that <paramref name="app"/> accepted, watched by the gateway from its start.</summary>
    private async Task<(string Call, AsyncServerStreamingCall<InteractionEvent> Watch)> CallConnectedTo(AgentApp app)
    {
        var call = (await _interactions.CreateAsync(new CreateInteractionRequest { QueueId = "sales", CustomerNumber = "+33123456789" }, Gateway)).InteractionId;
        var watch = _interactions.Watch(new WatchInteractionRequest { InteractionId = call }, AgentApp.LongCall(fixture, _tenant, ["gateway"]));
        await app.OfferOf(call);
        Assert.True((await app.Send(new AgentCommand { Accept = new Accept { InteractionId = call } })).Ok);
        await StreamAssert.Until(watch.ResponseStream, e => e.Kind == InteractionEventKind.Connected);
        return (call, watch);
    }

    private static AgentCommand Complete(string call, string code) =>
        new() { Complete = new Complete { InteractionId = call, Disposition = new Disposition { Code = code } } };
}
