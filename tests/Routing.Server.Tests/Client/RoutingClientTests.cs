using Grpc.Core;
using Routing.Client;
using Routing.Client.Agents;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Client;

/// <summary>Routing.Client against the real server: typed calls, agent sessions, reconnect and resume.
/// Agents are shared by the edge collection, so every test leaves its agent offline.</summary>
[Collection(EdgeCollection.Name)]
public sealed class RoutingClientTests(EdgeFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Client_CallOfferedAcceptedEndedCompleted_WatchSeesEveryStepOnceThenEnds()
    {
        using var gateway = fixture.Client("acme", ["gateway"]);
        using var agentClient = fixture.Client("acme", ["agent"], "ann");
        await using var ann = await agentClient.OpenAgentSessionAsync(cancellationToken: Cancel);
        await ann.SetReadyAsync(Cancel);

        // No id given: the client chooses one, so a retried create cannot make two calls.
        var created = await gateway.Interactions.CreateAsync(new CreateInteractionRequest { QueueId = "sales", CustomerNumber = "+441234" }, Cancel);
        Assert.Matches("^[0-9a-f]{32}$", created.InteractionId);
        var watching = ReadAll(gateway.Interactions.WatchAsync(created.InteractionId, Cancel));

        var offer = await SessionEvents.OfferOf(ann, created.InteractionId);
        Assert.Equal("+441234", offer.Offer.CustomerNumber);
        await ann.AcceptAsync(created.InteractionId, Cancel);
        await ann.EndAsync(created.InteractionId, Cancel);

        var events = await watching.WaitAsync(StreamAssert.DefaultTimeout, Cancel);
        Assert.Equal(
            [InteractionEventKind.Queued, InteractionEventKind.Offered, InteractionEventKind.Connected, InteractionEventKind.Ended, InteractionEventKind.Completed],
            events.Select(e => e.Kind));
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal("sip:ann@acme.example", events.Single(e => e.Kind == InteractionEventKind.Connected).AgentEndpoint);
        await ann.LogoutAsync(Cancel);
    }

    [Fact]
    public async Task Session_CommandRefused_ThrowsWithStatusAndSessionStaysUsable()
    {
        using var agentClient = fixture.Client("acme", ["agent"], "bob");
        await using var bob = await agentClient.OpenAgentSessionAsync(cancellationToken: Cancel);
        await bob.LoginAsync(Cancel);

        var refused = await Assert.ThrowsAsync<AgentCommandException>(() => bob.SetNotReadyAsync("not a reason!", Cancel));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var unknown = await Assert.ThrowsAsync<AgentCommandException>(() => bob.AcceptAsync($"nope-{Guid.NewGuid():N}", Cancel));
        Assert.NotEqual(StatusCode.OK, unknown.StatusCode);

        await bob.SetNotReadyAsync("break", Cancel);
        var state = await SessionEvents.Until<AgentStateChanged>(bob, s => s.State.Reason == "break");
        Assert.Equal(Presence.NotReady, state.State.Presence);
        Assert.Equal("break", bob.State.Reason);
        await bob.LogoutAsync(Cancel);
    }

    /// <summary>An app that gives up on one command (its token cancelled while the command is being written) gives up on
    /// that command only: the session's stream stays up, with no reconnect, and the next command works.</summary>
    [Fact]
    public async Task Session_CommandsCancelledByTheirCaller_LeaveTheStreamUp()
    {
        using var agentClient = fixture.Client("acme", ["agent"], "bob");
        await using var bob = await agentClient.OpenAgentSessionAsync(cancellationToken: Cancel);
        await bob.LoginAsync(Cancel);
        var random = new Random(7);
        // Within the test server's rate limit (100 calls a second), with room for the commands around the loop.

        for (var i = 0; i < 60; i++)
        {
            using var giveUp = new CancellationTokenSource();
            var spins = random.Next(0, 20_000);
            var canceller = Task.Run(() =>
            {
                Thread.SpinWait(spins);
                giveUp.Cancel();
            }, Cancel);
            try
            {
                await bob.SetNotReadyAsync(i % 2 == 0 ? "break" : "lunch", giveUp.Token);
            }
            catch (OperationCanceledException)
            {
            }
            await canceller;
        }

        await bob.SetNotReadyAsync("meeting", Cancel);
        var seen = new List<AgentSessionEvent>();
        while (bob.Events.TryRead(out var e))
        {
            seen.Add(e);
        }
        Assert.DoesNotContain(seen, e => e is SessionReconnecting or SessionClosed);
        Assert.Equal("meeting", bob.State.Reason);
        await bob.LogoutAsync(Cancel);
    }

    [Fact]
    public async Task Session_OtherAgentsId_RefusedWithPermissionDenied()
    {
        using var agentClient = fixture.Client("acme", ["agent"], "ann");
        var denied = await Assert.ThrowsAsync<RpcException>(() => agentClient.OpenAgentSessionAsync("bob", cancellationToken: Cancel));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    [Fact]
    public async Task Session_ConnectionCut_ReconnectsAndResumesWithStateAndTakesTheNextOffer()
    {
        await using var proxy = new LoopbackProxy(fixture.Address);
        using var gateway = fixture.Client("acme", ["gateway"]);
        using var agentClient = fixture.Client("acme", ["agent"], "ann", proxy.Address);
        await using var ann = await agentClient.OpenAgentSessionAsync(cancellationToken: Cancel);
        await ann.SetReadyAsync(Cancel);
        var sessionId = ann.SessionId;

        proxy.Cut(refuseNew: false);

        await SessionEvents.Until<SessionReconnecting>(ann);
        var back = await SessionEvents.Until<SessionReconnected>(ann);
        Assert.True(back.Started.Resumed);
        Assert.Equal(sessionId, back.Started.SessionId);
        Assert.Equal(Presence.Available, back.Started.State.Presence);

        var created = await gateway.Interactions.CreateAsync(new CreateInteractionRequest { QueueId = "sales" }, Cancel);
        await SessionEvents.OfferOf(ann, created.InteractionId);
        await ann.AcceptAsync(created.InteractionId, Cancel);
        await ann.EndAsync(created.InteractionId, Cancel);
        Assert.Equal(InteractionStatus.Completed, (await gateway.Interactions.GetAsync(created.InteractionId, Cancel)).Status);
        await ann.LogoutAsync(Cancel);
    }

    [Fact]
    public async Task Session_ServerUnreachableLongerThanGrace_ReconnectsToANewSessionAndSaysSo()
    {
        await using var proxy = new LoopbackProxy(fixture.Address);
        using var agentClient = fixture.Client("acme", ["agent"], "bob", proxy.Address);
        using var supervisor = fixture.Client("acme", ["supervisor"]);
        await using var bob = await agentClient.OpenAgentSessionAsync(cancellationToken: Cancel);
        await bob.SetReadyAsync(Cancel);
        var states = supervisor.Supervisor.WatchAgentsAsync(["bob"], Cancel).GetAsyncEnumerator(Cancel);

        proxy.Cut(refuseNew: true);
        // The test server's grace period is 2 s: the agent goes offline while the link is down.
        await WaitFor(states, s => s.Presence == Presence.Offline);
        proxy.Restore();

        var back = await SessionEvents.Until<SessionReconnected>(bob, timeout: TimeSpan.FromSeconds(15));
        Assert.False(back.Started.Resumed);
        Assert.Equal(Presence.Offline, back.Started.State.Presence);
        await states.DisposeAsync();
    }

    [Fact]
    public async Task Session_ReplacedByAnotherStream_ClosesWithoutReconnecting()
    {
        using var agentClient = fixture.Client("acme", ["agent"], "ann");
        await using var first = await agentClient.OpenAgentSessionAsync(cancellationToken: Cancel);
        await using var second = await agentClient.OpenAgentSessionAsync(resumeSessionId: first.SessionId, cancellationToken: Cancel);
        Assert.True(second.Started.Resumed);

        var closed = await SessionEvents.Until<SessionClosed>(first);
        Assert.Null(closed.Error);
        await first.Completion.WaitAsync(StreamAssert.DefaultTimeout, Cancel);
        var late = await Assert.ThrowsAsync<AgentCommandException>(() => first.SetReadyAsync(Cancel));
        Assert.Equal(StatusCode.Unavailable, late.StatusCode);
        await second.LogoutAsync(Cancel);
    }

    [Fact]
    public async Task GrpcWeb_CreateAndGet_WorkOverHttp11()
    {
        using var gateway = fixture.Client("acme", ["gateway"], address: fixture.WebAddress, configure: o => o.UseGrpcWeb = true);
        var created = await gateway.Interactions.CreateAsync(new CreateInteractionRequest { QueueId = "sales", Channel = Channel.Chat }, Cancel);
        var read = await gateway.Interactions.GetAsync(created.InteractionId, Cancel);
        Assert.Equal((Channel.Chat, "sales"), (read.Channel, read.QueueId));
        await gateway.Interactions.HangupAsync(created.InteractionId, Cancel);
    }

    [Fact]
    public async Task ClientWithoutToken_SessionWithItsOwnToken_Works_AndOtherCallsAreUnauthenticated()
    {
        var options = new RoutingClientOptions();
        options.Addresses.Add(fixture.Address);
        using var shared = new RoutingClient(options);

        await using var bob = await shared.OpenAgentSessionAsync(token: fixture.Token("acme", ["agent"], "bob"), cancellationToken: Cancel);
        await bob.LoginAsync(Cancel);
        Assert.Equal(Presence.NotReady, (await SessionEvents.Until<AgentStateChanged>(bob)).State.Presence);
        var anonymous = await Assert.ThrowsAsync<RpcException>(() => shared.Interactions.GetAsync("any", Cancel));
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
        await bob.LogoutAsync(Cancel);
    }

    [Fact]
    public void Options_Unusable_RefusedWithEveryProblem()
    {
        var options = new RoutingClientOptions { UseGrpcWeb = true, MaxAttempts = 9 };
        options.Addresses.Add(new Uri("http://127.0.0.1:1"));
        options.Addresses.Add(new Uri("https://127.0.0.1:2"));
        options.Addresses.Add(new Uri("ftp://127.0.0.1:3"));

        var refused = Assert.Throws<ArgumentException>(() => new RoutingClient(options));
        Assert.Contains("same scheme", refused.Message, StringComparison.Ordinal);
        Assert.Contains("ftp://", refused.Message, StringComparison.Ordinal);
        Assert.Contains("single address", refused.Message, StringComparison.Ordinal);
        Assert.Contains("max attempts", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<List<T>> ReadAll<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }
        return list;
    }

    private static async Task WaitFor(IAsyncEnumerator<AgentState> states, Func<AgentState, bool> match)
    {
        using var timeout = new CancellationTokenSource(StreamAssert.DefaultTimeout);
        while (await states.MoveNextAsync().AsTask().WaitAsync(timeout.Token))
        {
            if (match(states.Current))
            {
                return;
            }
        }
        Assert.Fail("the agent-state stream ended");
    }
}
