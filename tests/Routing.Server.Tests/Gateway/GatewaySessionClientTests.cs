using Grpc.Core;
using Routing.Client.Gateways;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Gateway;

/// <summary>Routing.Client's gateway session, as the SIP gateway uses it: creates followed to the end on one stream,
/// refusals as the unary call's exceptions, and a lost connection that neither loses nor repeats an event.</summary>
[Collection(EdgeCollection.Name)]
public sealed class GatewaySessionClientTests(EdgeFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Session_CreatesAndFollowsToTheEnd_RefusalsAreRpcExceptions()
    {
        using var centre = await GatewayCentre.Configured(fixture);
        var ann = await centre.ReadyApp("ann");
        using var client = fixture.Client(centre.Tenant, ["gateway"]);
        await using var session = client.OpenGatewaySession();

        // No id given: the session chooses one, so a create sent again after a reconnect cannot make two calls.
        using var followed = await session.CreateAsync(new CreateInteractionRequest { QueueId = "sales" }, Cancel);
        Assert.Matches("^[0-9a-f]{32}$", followed.InteractionId);
        var reading = ReadAll(followed);
        await ann.OfferOf(followed.InteractionId);
        Assert.True((await ann.Send(new AgentCommand { Accept = new Accept { InteractionId = followed.InteractionId } })).Ok);
        Assert.True((await ann.Send(new AgentCommand { End = new End { InteractionId = followed.InteractionId } })).Ok);
        Assert.True((await ann.Send(Completing(followed.InteractionId))).Ok);
        var unknownQueue = await Assert.ThrowsAsync<RpcException>(() => session.CreateAsync(new CreateInteractionRequest { QueueId = "no-such-queue" }, Cancel));
        var unknownCall = await Assert.ThrowsAsync<RpcException>(() => session.FollowAsync($"call-{Guid.NewGuid():N}", Cancel));

        var events = await reading;
        Assert.Equal(
            [InteractionEventKind.Queued, InteractionEventKind.Offered, InteractionEventKind.Connected, InteractionEventKind.Ended, InteractionEventKind.Completed],
            events.Select(e => e.Kind));
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal("sip:ann@example", events.Single(e => e.Kind == InteractionEventKind.Connected).AgentEndpoint);
        Assert.Equal(StatusCode.NotFound, unknownQueue.StatusCode);
        Assert.Equal(StatusCode.NotFound, unknownCall.StatusCode);
    }

    [Fact]
    public async Task Session_ConnectionCut_FollowsAgainAndPassesOnWhatItMissed_EachEventOnce()
    {
        using var centre = await GatewayCentre.Configured(fixture);
        var ann = await centre.ReadyApp("ann");
        await using var proxy = new LoopbackProxy(fixture.Address);
        using var client = fixture.Client(centre.Tenant, ["gateway"], address: proxy.Address);
        await using var session = client.OpenGatewaySession();
        using var followed = await session.CreateAsync(new CreateInteractionRequest { QueueId = "sales" }, Cancel);
        var reading = ReadAll(followed);
        await ann.OfferOf(followed.InteractionId);

        proxy.Cut(refuseNew: true);
        // While the link is down the call is answered, talked and completed, and another call arrives at the gateway.
        Assert.True((await ann.Send(new AgentCommand { Accept = new Accept { InteractionId = followed.InteractionId } })).Ok);
        Assert.True((await ann.Send(Completing(followed.InteractionId))).Ok);
        var later = session.CreateAsync(new CreateInteractionRequest { QueueId = "support" }, Cancel);
        proxy.Restore();

        var events = await reading;
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(InteractionEventKind.Connected, events.Single(e => e.Kind == InteractionEventKind.Connected).Kind);
        Assert.Equal(InteractionStatus.Completed, events[^1].Status);
        using var second = await later.WaitAsync(TimeSpan.FromSeconds(20), Cancel);
        Assert.Equal((InteractionStatus.Queued, "support"), (second.Snapshot.Status, second.Snapshot.QueueId));
        Assert.Equal(InteractionStatus.Queued, (await centre.Read(second.InteractionId)).Status);
    }

    [Fact]
    public async Task Session_NotAGatewaysToken_CommandsFailPermissionDenied_NothingCreated()
    {
        using var centre = await GatewayCentre.Configured(fixture);
        using var client = fixture.Client(centre.Tenant, ["agent"], "ann");
        await using var session = client.OpenGatewaySession();
        var call = $"call-{Guid.NewGuid():N}";

        var first = await Assert.ThrowsAsync<RpcException>(() => session.CreateAsync(new CreateInteractionRequest { InteractionId = call, QueueId = "sales" }, Cancel));
        var second = await Assert.ThrowsAsync<RpcException>(() => session.CreateAsync(new CreateInteractionRequest { InteractionId = call, QueueId = "sales" }, Cancel));

        Assert.Equal((StatusCode.PermissionDenied, StatusCode.PermissionDenied), (first.StatusCode, second.StatusCode));
        var read = await Assert.ThrowsAsync<RpcException>(() => centre.Read(call));
        Assert.Equal(StatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Session_OversizedOrCancelledCreate_RefusedBeforeSending_TheSessionCarriesOn()
    {
        using var centre = await GatewayCentre.Configured(fixture);
        using var client = fixture.Client(centre.Tenant, ["gateway"]);
        await using var session = client.OpenGatewaySession();
        var oversized = new CreateInteractionRequest { InteractionId = $"call-{Guid.NewGuid():N}", QueueId = "sales" };
        for (var i = 0; i < 30; i++)
        {
            oversized.Attributes[$"a{i}"] = new string('x', 2_300);
        }
        var cancelledId = $"call-{Guid.NewGuid():N}";

        var tooLarge = await Assert.ThrowsAsync<RpcException>(() => session.CreateAsync(oversized, Cancel));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.CreateAsync(new CreateInteractionRequest { InteractionId = cancelledId, QueueId = "sales" }, new CancellationToken(canceled: true)));
        using var afterwards = await session.CreateAsync(new CreateInteractionRequest { QueueId = "sales" }, Cancel);

        Assert.Equal(StatusCode.ResourceExhausted, tooLarge.StatusCode);
        Assert.Equal(InteractionStatus.Queued, afterwards.Snapshot.Status);
        foreach (var nothing in new[] { oversized.InteractionId, cancelledId })
        {
            Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => centre.Read(nothing))).StatusCode);
        }
    }

    private static AgentCommand Completing(string call) =>
        new() { Complete = new Complete { InteractionId = call, Disposition = new Disposition { Code = "solved" } } };

    /// <summary>Every event the follow passes on until it ends, within the time a reconnect may take.</summary>
    private static async Task<List<InteractionEvent>> ReadAll(FollowedInteraction followed)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var events = new List<InteractionEvent>();
        await foreach (var e in followed.ReadAllAsync(timeout.Token))
        {
            events.Add(e);
        }
        return events;
    }
}
