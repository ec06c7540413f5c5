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

    /// <summary>The agent's grain sends an offer and the ringing state it brings in one notice: the agent's app and a
    /// supervisor watching the agent both still see that state.</summary>
    [Fact]
    public async Task WatchAgents_AnOfferRings_TheWatchAndTheAgentsAppSeeTheRingingState()
    {
        var tenant = $"t-{Guid.NewGuid():N}"[..20];
        await new AdminService.AdminServiceClient(fixture.Channel).ApplyConfigurationAsync(AdminEdgeTests.Configuration(tenant), fixture.As(tenant, ["admin"]));
        using var watch = _client.WatchAgents(new WatchAgentsRequest(), fixture.As(tenant, ["supervisor"]));
        await StreamAssert.Next(watch.ResponseStream);
        using var zoe = await Agents.AgentApp.Connect(fixture, tenant, "zoe");
        Assert.True((await zoe.Send(new AgentCommand { SetReady = new SetReady() })).Ok);

        var interactions = new InteractionService.InteractionServiceClient(fixture.Channel);
        var call = await interactions.CreateAsync(new CreateInteractionRequest { QueueId = "support" }, fixture.As(tenant, ["gateway"]));

        var appState = await zoe.Until(e => e.StateChanged?.State.Interactions.Any(i => i.InteractionId == call.InteractionId) == true);
        Assert.Equal("OFFERED", appState.StateChanged.State.Interactions.Single(i => i.InteractionId == call.InteractionId).Phase);
        await zoe.OfferOf(call.InteractionId);
        var watched = await StreamAssert.Until(watch.ResponseStream, s => s.Interactions.Any(i => i.InteractionId == call.InteractionId));
        Assert.Equal("OFFERED", watched.Interactions.Single(i => i.InteractionId == call.InteractionId).Phase);
        await interactions.HangupAsync(new HangupRequest { InteractionId = call.InteractionId }, fixture.As(tenant, ["gateway"]));
    }

    [Fact]
    public async Task WatchQueues_CurrentStatisticsThenPushedChanges()
    {
        var tenant = $"t-{Guid.NewGuid():N}"[..20];
        var configuration = AdminEdgeTests.Configuration(tenant);
        configuration.Queues[0].ServiceLevelTarget = 0.95;
        await new AdminService.AdminServiceClient(fixture.Channel).ApplyConfigurationAsync(configuration, fixture.As(tenant, ["admin"]));
        var interactions = new InteractionService.InteractionServiceClient(fixture.Channel);

        using var watch = _client.WatchQueues(new WatchQueuesRequest(), fixture.As(tenant, ["supervisor"]));
        var initial = await StreamAssert.Next(watch.ResponseStream);
        Assert.Equal(("support", 0, 0), (initial.QueueId, initial.Waiting, initial.Rolling.Offered));
        Assert.Equal((0.95, TimeSpan.FromSeconds(20)), (initial.ServiceLevelTarget, initial.ServiceLevelThreshold.ToTimeSpan()));
        Assert.False(initial.Rolling.HasServiceLevel);

        var call = await interactions.CreateAsync(new CreateInteractionRequest { QueueId = "support", Channel = Channel.Chat }, fixture.As(tenant, ["gateway"]));
        var waiting = await StreamAssert.Until(watch.ResponseStream, s => s.Waiting == 1);
        Assert.Equal((1, 1), (waiting.Rolling.Offered, waiting.Today.Offered));

        await interactions.HangupAsync(new HangupRequest { InteractionId = call.InteractionId }, fixture.As(tenant, ["gateway"]));
        var abandoned = await StreamAssert.Until(watch.ResponseStream, s => s.Waiting == 0);
        // Hung up at once: a short abandon, left out of the service level.
        Assert.Equal((1, 0), (abandoned.Rolling.ShortAbandoned, abandoned.Rolling.Abandoned));
    }

    [Fact]
    public async Task WatchQueues_UnknownQueue_NotFound()
    {
        using var watch = _client.WatchQueues(new WatchQueuesRequest { QueueIds = { "no-such-queue" } }, fixture.As("acme", ["supervisor"]));
        var refused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => watch.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        Assert.Equal(Grpc.Core.StatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task WatchQueues_AgentToken_PermissionDenied()
    {
        using var watch = _client.WatchQueues(new WatchQueuesRequest(), fixture.As("acme", ["agent"], "ann"));
        var refused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => watch.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Fact]
    public async Task SetPriority_WaitingCall_ChangedAndBadCallsRefused()
    {
        var interactions = new InteractionService.InteractionServiceClient(fixture.Channel);
        var call = await interactions.CreateAsync(new CreateInteractionRequest { QueueId = "sales", Channel = Channel.Email }, fixture.As("acme", ["gateway"]));
        var supervisor = fixture.As("acme", ["supervisor"]);

        var raised = await _client.SetPriorityAsync(new SetPriorityRequest { InteractionId = call.InteractionId, Priority = 40 }, supervisor);
        Assert.Equal(40, raised.Priority);
        Assert.Equal(InteractionEventKind.Reprioritised, raised.Events[^1].Kind);

        var range = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => _client.SetPriorityAsync(new SetPriorityRequest { InteractionId = call.InteractionId, Priority = 101 }, supervisor).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, range.StatusCode);
        var otherTenant = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => _client.SetPriorityAsync(new SetPriorityRequest { InteractionId = call.InteractionId, Priority = 1 }, fixture.As("globex", ["supervisor"])).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.NotFound, otherTenant.StatusCode);
        var gateway = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => _client.SetPriorityAsync(new SetPriorityRequest { InteractionId = call.InteractionId, Priority = 1 }, fixture.As("acme", ["gateway"])).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, gateway.StatusCode);

        await interactions.HangupAsync(new HangupRequest { InteractionId = call.InteractionId }, fixture.As("acme", ["gateway"]));
        var final = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => _client.SetPriorityAsync(new SetPriorityRequest { InteractionId = call.InteractionId, Priority = 1 }, supervisor).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.FailedPrecondition, final.StatusCode);
        var read = await interactions.GetAsync(new GetInteractionRequest { InteractionId = call.InteractionId }, fixture.As("acme", ["gateway"]));
        Assert.Equal(40, read.Priority);
    }

    [Fact]
    public async Task MoveInteraction_WaitingCall_MovedAndUnknownQueueRefused()
    {
        var tenant = $"t-{Guid.NewGuid():N}"[..20];
        var configuration = AdminEdgeTests.Configuration(tenant);
        configuration.Queues.Add(new QueueDefinition { QueueId = "billing" });
        await new AdminService.AdminServiceClient(fixture.Channel).ApplyConfigurationAsync(configuration, fixture.As(tenant, ["admin"]));
        var interactions = new InteractionService.InteractionServiceClient(fixture.Channel);
        var call = await interactions.CreateAsync(new CreateInteractionRequest { QueueId = "support", Channel = Channel.Email }, fixture.As(tenant, ["gateway"]));
        var supervisor = fixture.As(tenant, ["supervisor"]);

        var unknown = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => _client.MoveInteractionAsync(new MoveInteractionRequest { InteractionId = call.InteractionId, QueueId = "nope" }, supervisor).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.NotFound, unknown.StatusCode);
        var moved = await _client.MoveInteractionAsync(new MoveInteractionRequest { InteractionId = call.InteractionId, QueueId = "billing" }, supervisor);

        Assert.Equal(("billing", call.Arrival), (moved.QueueId, moved.Arrival));
        Assert.Equal(InteractionEventKind.Moved, moved.Events[^1].Kind);
        await interactions.HangupAsync(new HangupRequest { InteractionId = call.InteractionId }, fixture.As(tenant, ["gateway"]));
    }
}
