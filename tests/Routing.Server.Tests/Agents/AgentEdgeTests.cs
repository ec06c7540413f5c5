using Grpc.Core;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Agents;

/// <summary>The agent app's session stream through a real channel. Agents are shared by the edge
/// collection, so every test leaves its agent offline.</summary>
[Collection(EdgeCollection.Name)]
public sealed class AgentEdgeTests(EdgeFixture fixture)
{
    private readonly InteractionService.InteractionServiceClient _interactions = new(fixture.Channel);

    [Fact]
    public async Task Connect_OfferAcceptedEndedAndCompleted_AllThroughTheStream()
    {
        using var app = await AgentApp.Connect(fixture, "acme", "ann");
        Assert.False(app.Started.Resumed);
        Assert.False(string.IsNullOrEmpty(app.Started.SessionId));
        Assert.Equal("ann", app.Started.State.AgentId);

        Assert.True((await app.Send(new AgentCommand { SetReady = new SetReady() })).Ok);
        var first = await CreateCall("acme");
        var offer = await app.OfferOf(first);
        Assert.Equal(("sales", Channel.Voice, 1), (offer.QueueId, offer.Channel, offer.Attempt));
        Assert.Equal("+33123456789", offer.CustomerNumber);
        Assert.Equal("gold", offer.Attributes["tier"]);
        Assert.True((await app.Send(new AgentCommand { Accept = new Accept { InteractionId = first } })).Ok);
        await app.Until(e => e.StateChanged?.State.Load.Voice == 1);
        Assert.True((await app.Send(new AgentCommand { Complete = new Complete { InteractionId = first, Disposition = new Disposition { Code = "sold", Note = "two seats" } } })).Ok);
        var completed = await _interactions.GetAsync(new GetInteractionRequest { InteractionId = first }, fixture.As("acme", ["gateway"]));
        Assert.Equal((InteractionStatus.Completed, "sold", "two seats"), (completed.Status, completed.Disposition.Code, completed.Disposition.Note));

        // The test queue has no wrap-up time: ending the conversation completes it.
        var second = await CreateCall("acme");
        await app.OfferOf(second);
        Assert.True((await app.Send(new AgentCommand { Accept = new Accept { InteractionId = second } })).Ok);
        Assert.True((await app.Send(new AgentCommand { End = new End { InteractionId = second } })).Ok);
        var ended = await _interactions.GetAsync(new GetInteractionRequest { InteractionId = second }, fixture.As("acme", ["gateway"]));
        Assert.Equal(InteractionStatus.Completed, ended.Status);

        Assert.True((await app.Send(new AgentCommand { Logout = new Logout() })).Ok);
        await app.Until(e => e.StateChanged?.State.Presence == Presence.Offline);
    }

    [Fact]
    public async Task Connect_AgentTokenActingAsAnotherAgent_PermissionDenied()
    {
        using var app = await AgentApp.Open(fixture, fixture.As("acme", ["agent"], "ann"), agentId: "bob");
        var denied = await Assert.ThrowsAsync<RpcException>(() => app.Events.MoveNext(TestContext.Current.CancellationToken));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Contains("bob", denied.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_SupervisorToken_PermissionDenied()
    {
        using var app = await AgentApp.Open(fixture, fixture.As("acme", ["supervisor", "admin"]), agentId: "ann");
        var denied = await Assert.ThrowsAsync<RpcException>(() => app.Events.MoveNext(TestContext.Current.CancellationToken));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    [Fact]
    public async Task Connect_FirstCommandNotHello_InvalidArgument()
    {
        using var call = new AgentService.AgentServiceClient(fixture.Channel).Connect(fixture.As("acme", ["agent"], "ann"));
        await call.RequestStream.WriteAsync(new AgentCommand { SetReady = new SetReady() }, TestContext.Current.CancellationToken);
        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
    }

    [Fact]
    public async Task Command_Fails_ResultNotOkAndStreamStaysUsable()
    {
        using var app = await AgentApp.Connect(fixture, "acme", "bob");

        var offline = await app.Send(new AgentCommand { SetNotReady = new SetNotReady { Reason = "break" } });
        var badReason = await app.Send(new AgentCommand { SetNotReady = new SetNotReady { Reason = "not a reason!" } });
        var unknownCall = await app.Send(new AgentCommand { Accept = new Accept { InteractionId = $"nope-{Guid.NewGuid():N}" } });
        var noDisposition = await app.Send(new AgentCommand { Complete = new Complete { InteractionId = "x1" } });
        var empty = await app.Send(new AgentCommand());
        var secondHello = await app.Send(new AgentCommand { Hello = new Hello() });

        Assert.Equal((false, "FAILED_PRECONDITION"), (offline.Ok, offline.StatusCode));
        Assert.Contains("offline", offline.Message, StringComparison.Ordinal);
        Assert.Equal((false, "INVALID_ARGUMENT"), (badReason.Ok, badReason.StatusCode));
        Assert.False(unknownCall.Ok);
        Assert.Contains(unknownCall.StatusCode, new[] { "NOT_FOUND", "FAILED_PRECONDITION" });
        Assert.Equal((false, "INVALID_ARGUMENT"), (noDisposition.Ok, noDisposition.StatusCode));
        Assert.Equal((false, "INVALID_ARGUMENT"), (empty.Ok, empty.StatusCode));
        Assert.Equal((false, "INVALID_ARGUMENT"), (secondHello.Ok, secondHello.StatusCode));

        var login = await app.Send(new AgentCommand { Login = new Login() });
        Assert.Equal((true, "OK", ""), (login.Ok, login.StatusCode, login.Message));
        Assert.True((await app.Send(new AgentCommand { SetNotReady = new SetNotReady { Reason = "break" } })).Ok);
        await app.Until(e => e.StateChanged?.State.Reason == "break");
        Assert.True((await app.Send(new AgentCommand { Logout = new Logout() })).Ok);
    }

    [Fact]
    public async Task Stream_DroppedAndResumed_KeepsStateAndRingingOffer()
    {
        string sessionId;
        string call;
        using (var first = await AgentApp.Connect(fixture, "acme", "ann"))
        {
            sessionId = first.Started.SessionId;
            Assert.True((await first.Send(new AgentCommand { SetReady = new SetReady() })).Ok);
            call = await CreateCall("acme");
            await first.OfferOf(call);
        }

        using var resumed = await AgentApp.Connect(fixture, "acme", "ann", resumeSessionId: sessionId);
        Assert.True(resumed.Started.Resumed);
        Assert.Equal(sessionId, resumed.Started.SessionId);
        Assert.Equal(Presence.Available, resumed.Started.State.Presence);
        var ringing = Assert.Single(resumed.Started.Interactions, i => i.InteractionId == call);
        Assert.Equal("OFFERED", ringing.Phase);

        Assert.True((await resumed.Send(new AgentCommand { Accept = new Accept { InteractionId = call } })).Ok);
        Assert.True((await resumed.Send(new AgentCommand { Complete = new Complete { InteractionId = call, Disposition = new Disposition { Code = "callback-later" } } })).Ok);
        Assert.True((await resumed.Send(new AgentCommand { Logout = new Logout() })).Ok);
    }

    [Fact]
    public async Task Stream_DroppedAndGraceExpires_AgentGoesOffline()
    {
        string sessionId;
        TimeSpan grace;
        using (var first = await AgentApp.Connect(fixture, "globex", "gus"))
        {
            sessionId = first.Started.SessionId;
            grace = first.Started.GracePeriod.ToTimeSpan();
            Assert.True((await first.Send(new AgentCommand { SetReady = new SetReady() })).Ok);
        }

        var supervisor = new SupervisorService.SupervisorServiceClient(fixture.Channel);
        using var watch = supervisor.WatchAgents(new WatchAgentsRequest { AgentIds = { "gus" } }, AgentApp.LongCall(fixture, "globex", ["supervisor"]));
        await StreamAssert.Until(watch.ResponseStream, s => s.AgentId == "gus" && s.Presence == Presence.Offline, grace + TimeSpan.FromSeconds(15));

        using var late = await AgentApp.Connect(fixture, "globex", "gus", resumeSessionId: sessionId);
        Assert.False(late.Started.Resumed);
        Assert.NotEqual(sessionId, late.Started.SessionId);
        Assert.Equal(Presence.Offline, late.Started.State.Presence);
    }

    [Fact]
    public async Task Connect_SecondStreamForSameAgent_FirstStreamToldAndEnded()
    {
        using var first = await AgentApp.Connect(fixture, "acme", "bob");
        using var second = await AgentApp.Connect(fixture, "acme", "bob");

        var ended = await first.Until(e => e.EventCase == AgentEvent.EventOneofCase.SessionEnded);
        Assert.Equal(first.Started.SessionId, ended.SessionEnded.SessionId);
        await StreamAssert.Ends(first.Events);
        Assert.True((await second.Send(new AgentCommand { Login = new Login() })).Ok);
        Assert.True((await second.Send(new AgentCommand { Logout = new Logout() })).Ok);
    }

    /// <summary>A call at top priority, so it is offered before anything other tests left waiting.</summary>
    private async Task<string> CreateCall(string tenant)
    {
        var id = $"call-{Guid.NewGuid():N}";
        await _interactions.CreateAsync(
            new CreateInteractionRequest { InteractionId = id, QueueId = "sales", Priority = 100, CustomerNumber = "+33123456789", Attributes = { ["tier"] = "gold" } },
            fixture.As(tenant, ["gateway"]));
        return id;
    }
}
