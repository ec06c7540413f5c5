using Grpc.Core;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;
using static Routing.Server.Tests.Gateway.GatewayStream;

namespace Routing.Server.Tests.Gateway;

/// <summary>A gateway's session stream (gateway.proto) on the wire: creates and follows answered in replies, each later
/// event of a followed interaction once and in order until it is final, unfollows, and every class of bad input refused
/// in its reply with the unary call's status while the session carries on.</summary>
[Collection(EdgeCollection.Name)]
public sealed class GatewaySessionEdgeTests(EdgeFixture fixture)
{
    private const string Ok = "OK";

    [Fact]
    public async Task Create_RepliesWithTheSnapshot_ThenEveryLaterEventOnceInOrder_UntilFinal()
    {
        using var centre = await GatewayCentre.Configured(fixture);
        var ann = await centre.ReadyApp("ann");
        using var gateway = await Open(fixture, centre.Tenant);
        var call = NewId();

        var reply = await gateway.Ask(Create(call));
        Assert.Equal(Ok, reply.StatusCode);
        Assert.Equal((call, "sales"), (reply.Snapshot.InteractionId, reply.Snapshot.QueueId));
        await ann.OfferOf(call);
        Assert.True((await ann.Send(new AgentCommand { Accept = new Accept { InteractionId = call } })).Ok);
        Assert.True((await ann.Send(new AgentCommand { Complete = new Complete { InteractionId = call, Disposition = new Disposition { Code = "solved" } } })).Ok);
        var streamed = await gateway.EventsUntil(call, e => e.Status == InteractionStatus.Completed);

        var all = reply.Snapshot.Events.Concat(streamed).ToList();
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(e => e.Sequence));
        Assert.True(streamed.Count > 0 && streamed[0].Sequence == reply.Snapshot.Events.Max(e => e.Sequence) + 1, "the stream goes on where the reply's snapshot ends");
        Assert.Equal("sip:ann@example", all.Single(e => e.Kind == InteractionEventKind.Offered).AgentEndpoint);
        Assert.Equal("sip:ann@example", all.Single(e => e.Kind == InteractionEventKind.Connected).AgentEndpoint);
        Assert.Equal(InteractionEventKind.Completed, all[^1].Kind);
        await NothingMoreOf(gateway, centre, call);
    }

    [Fact]
    public async Task CreateRepeated_OnANewSession_AnswersTheSameInteraction_DifferentContentAlreadyExists()
    {
        using var centre = await GatewayCentre.Configured(fixture);
        var call = NewId();
        using (var first = await Open(fixture, centre.Tenant))
        {
            Assert.Equal(Ok, (await first.Ask(Create(call))).StatusCode);
        }
        using var second = await Open(fixture, centre.Tenant);

        var again = await second.Ask(Create(call));
        var different = await second.Ask(Create(call, queueId: "support"));

        Assert.Equal((Ok, InteractionStatus.Queued), (again.StatusCode, again.Snapshot.Status));
        Assert.Single(again.Snapshot.Events);
        Assert.Equal("ALREADY_EXISTS", different.StatusCode);
        Assert.Null(different.Snapshot);
        Assert.Equal("sales", (await centre.Read(call)).QueueId);
    }

    [Fact]
    public async Task MalformedCommands_RefusedInTheReply_TheSessionCarriesOn_NothingCreated()
    {
        using var centre = await GatewayCentre.Configured(fixture);
        using var gateway = await Open(fixture, centre.Tenant);
        var tooManyAttributes = Create(NewId());
        for (var i = 0; i < 33; i++)
        {
            tooManyAttributes.Create.Attributes[$"a{i}"] = "x";
        }

        await Refused(gateway, new GatewayCommand(), "INVALID_ARGUMENT", "the command is empty");
        await Refused(gateway, Create("no such id"), "INVALID_ARGUMENT", "interaction id 'no such id'");
        await Refused(gateway, tooManyAttributes, "INVALID_ARGUMENT", "attributes");
        await Refused(gateway, Follow("no such id"), "INVALID_ARGUMENT", "interaction id 'no such id'");
        await Refused(gateway, Unfollow(""), "INVALID_ARGUMENT", "interaction id is missing");
        var call = NewId();
        Assert.Equal(Ok, (await gateway.Ask(Create(call))).StatusCode);

        await Gone(centre, tooManyAttributes.Create.InteractionId);
        Assert.Equal(InteractionStatus.Queued, (await centre.Read(call)).Status);
    }

    [Fact]
    public async Task UnknownQueueOrInteraction_NotFound_NothingCreated()
    {
        using var centre = await GatewayCentre.Configured(fixture);
        using var gateway = await Open(fixture, centre.Tenant);
        var call = NewId();

        await Refused(gateway, Create(call, queueId: "no-such-queue"), "NOT_FOUND", "no-such-queue");
        await Refused(gateway, Follow(call), "NOT_FOUND", "does not exist");

        await Gone(centre, call);
    }

    [Fact]
    public async Task AnotherTenantsInteraction_NotFound_AndItsCallUnchanged()
    {
        using var centre = await GatewayCentre.Configured(fixture);
        using var other = await GatewayCentre.Configured(fixture);
        using var gateway = await Open(fixture, centre.Tenant);
        using var othersGateway = await Open(fixture, other.Tenant);
        var call = NewId();
        Assert.Equal(Ok, (await gateway.Ask(Create(call))).StatusCode);

        await Refused(othersGateway, Follow(call), "NOT_FOUND", "does not exist");

        var read = await centre.Read(call);
        Assert.Equal((InteractionStatus.Queued, 1), (read.Status, read.Events.Count));
    }

    [Fact]
    public async Task NoTokenOrNotAGatewaysToken_TheSessionIsRefused()
    {
        using var centre = await GatewayCentre.Configured(fixture);
        using var anonymous = Open(fixture, EdgeFixture.WithToken(null));
        using var agent = Open(fixture, fixture.As(centre.Tenant, ["agent"], "ann"));

        var noToken = await Assert.ThrowsAsync<RpcException>(() => anonymous.Messages.MoveNext());
        var agentsToken = await Assert.ThrowsAsync<RpcException>(() => agent.Messages.MoveNext());

        Assert.Equal(StatusCode.Unauthenticated, noToken.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, agentsToken.StatusCode);
    }

    [Fact]
    public async Task OversizedCommand_EndsTheStreamWithResourceExhausted_NothingCreated()
    {
        using var centre = await GatewayCentre.Configured(fixture);
        using var gateway = await Open(fixture, centre.Tenant);
        var oversized = Create(NewId());
        for (var i = 0; i < 30; i++)
        {
            oversized.Create.Attributes[$"a{i}"] = new string('x', 1_000) + new string('y', 1_300);
        }

        await gateway.Send(oversized);
        var refused = await Assert.ThrowsAsync<RpcException>(() => gateway.Messages.MoveNext());

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        await Gone(centre, oversized.Create.InteractionId);
    }

    [Fact]
    public async Task CommandsPastTheCallersRateLimit_RefusedResourceExhausted_TheRestAnswered()
    {
        using var centre = await GatewayCentre.Configured(fixture);
        using var gateway = await Open(fixture, centre.Tenant);
        var burst = EdgeFixture.RateLimitBurst * 3;

        var sent = new List<ulong>();
        for (var i = 0; i < burst; i++)
        {
            sent.Add(await gateway.Send(Follow($"call-{i}")));
        }
        var replies = new List<GatewayReply>();
        foreach (var id in sent)
        {
            replies.Add(await gateway.ReplyTo(id));
        }

        Assert.Contains(replies, r => r.StatusCode == "NOT_FOUND");
        var limited = replies.Where(r => r.StatusCode == "RESOURCE_EXHAUSTED").ToList();
        Assert.NotEmpty(limited);
        Assert.All(limited, r => Assert.Contains("rate limit", r.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoHolds_OneUnfollowKeepsTheEvents_TheLastStopsThem()
    {
        using var centre = await GatewayCentre.Configured(fixture);
        using var gateway = await Open(fixture, centre.Tenant);
        var call = NewId();
        Assert.Equal(Ok, (await gateway.Ask(Create(call))).StatusCode);
        var followed = await gateway.Ask(Follow(call));
        Assert.Equal((Ok, call), (followed.StatusCode, followed.Snapshot.InteractionId));

        Assert.Equal(Ok, (await gateway.Ask(Unfollow(call))).StatusCode);
        var ann = await centre.ReadyApp("ann");
        var offered = await gateway.EventsUntil(call, e => e.Kind == InteractionEventKind.Offered);
        Assert.Equal(InteractionEventKind.Offered, Assert.Single(offered).Kind);

        Assert.Equal(Ok, (await gateway.Ask(Unfollow(call))).StatusCode);
        Assert.True((await ann.Send(new AgentCommand { Reject = new Reject { InteractionId = call } })).Ok);
        await NothingMoreOf(gateway, centre, call);
    }

    [Fact]
    public async Task RefusedRepeatCreate_OnTheSameSession_KeepsTheFollowGoing()
    {
        using var centre = await GatewayCentre.Configured(fixture);
        using var gateway = await Open(fixture, centre.Tenant);
        var call = NewId();
        Assert.Equal(Ok, (await gateway.Ask(Create(call))).StatusCode);

        await Refused(gateway, Create(call, queueId: "support"), "ALREADY_EXISTS", "different content");
        await centre.ReadyApp("ann");

        var offered = await gateway.EventsUntil(call, e => e.Kind == InteractionEventKind.Offered);
        Assert.Equal(2, Assert.Single(offered).Sequence);
    }

    [Fact]
    public async Task SecondFollow_WhileEventsFlow_RepliesAtItsPlace_NoEventMissedOrRepeatedAfterIt()
    {
        using var centre = await GatewayCentre.Configured(fixture);
        var ann = await centre.ReadyApp("ann");
        using var gateway = await Open(fixture, centre.Tenant);
        var call = NewId();
        Assert.Equal(Ok, (await gateway.Ask(Create(call))).StatusCode);
        await ann.OfferOf(call);
        Assert.True((await ann.Send(new AgentCommand { Accept = new Accept { InteractionId = call } })).Ok);
        await gateway.EventsUntil(call, e => e.Kind == InteractionEventKind.Connected);

        var follow = await gateway.Send(Follow(call));
        Assert.True((await ann.Send(new AgentCommand { Complete = new Complete { InteractionId = call, Disposition = new Disposition { Code = "solved" } } })).Ok);
        var beforeReply = new List<InteractionEvent>();
        GatewayReply reply;
        while (true)
        {
            var next = await StreamAssert.Next(gateway.Messages);
            if (next.Reply?.RequestId == follow)
            {
                reply = next.Reply;
                break;
            }
            if (next.InteractionEvent?.InteractionId == call)
            {
                beforeReply.Add(next.InteractionEvent);
            }
        }
        var last = reply.Snapshot.Events.Max(e => e.Sequence);
        var afterReply = reply.Snapshot.Status == InteractionStatus.Completed ? [] : await gateway.EventsUntil(call, e => e.Status == InteractionStatus.Completed);

        Assert.Equal(Ok, reply.StatusCode);
        Assert.All(beforeReply, e => Assert.True(e.Sequence <= last, $"event {e.Sequence} came before a reply whose snapshot ends at {last}"));
        Assert.Equal(Enumerable.Range((int)last + 1, afterReply.Count).Select(i => (long)i), afterReply.Select(e => e.Sequence));
        Assert.Equal(InteractionStatus.Completed, afterReply.Count > 0 ? afterReply[^1].Status : reply.Snapshot.Status);
    }

    private static string NewId() => $"call-{Guid.NewGuid():N}";

    private static async Task Refused(GatewayStream gateway, GatewayCommand command, string status, string says)
    {
        var reply = await gateway.Ask(command);
        Assert.Equal(status, reply.StatusCode);
        Assert.Contains(says, reply.Message, StringComparison.Ordinal);
        Assert.Null(reply.Snapshot);
    }

    private static async Task Gone(GatewayCentre centre, string call)
    {
        var read = await Assert.ThrowsAsync<RpcException>(() => centre.Read(call));
        Assert.Equal(StatusCode.NotFound, read.StatusCode);
    }

    /// <summary>A fence: a call created and hung up after <paramref name="call"/>'s last change comes through whole, and no
    /// event of <paramref name="call"/> came meanwhile.</summary>
    private static async Task NothingMoreOf(GatewayStream gateway, GatewayCentre centre, string call)
    {
        var fence = NewId();
        Assert.Equal(Ok, (await gateway.Ask(Create(fence, queueId: "support"))).StatusCode);
        await centre.Interactions.HangupAsync(new HangupRequest { InteractionId = fence }, centre.Gateway);
        await gateway.EventsUntil(fence, e => e.Status == InteractionStatus.Abandoned);
        Assert.DoesNotContain(gateway.Unread, m => m.InteractionEvent?.InteractionId == call);
    }
}
