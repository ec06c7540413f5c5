using Routing.Client.Agents;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Client;

/// <summary>The edge of a three-server cluster: agent sessions move between servers, and work created at
/// one server's edge reaches agents connected to another's.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterEdgeTests(ClusterFixture cluster)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AgentSession_ItsServerCutOff_ResumesOnAnotherServerWithStateAndGetsOffersFromAThird()
    {
        var (first, second) = (cluster.Proxies[0], cluster.Proxies[1]);
        using var agentClient = cluster.Client("acme", ["agent"], "cara", servers: [0, 1]);
        using var gateway = cluster.Client("acme", ["gateway"], servers: [2]);
        second.Cut(refuseNew: true);
        AgentSession cara;
        try
        {
            // The second server refuses: the session starts on the first.
            cara = await agentClient.OpenAgentSessionAsync(cancellationToken: Cancel);
        }
        finally
        {
            second.Restore();
        }
        await using var _ = cara;
        await cara.SetReadyAsync(Cancel);
        var sessionId = cara.SessionId;

        first.Cut(refuseNew: true);
        try
        {
            var back = await SessionEvents.Until<SessionReconnected>(cara);
            Assert.True(back.Started.Resumed);
            Assert.Equal(sessionId, back.Started.SessionId);
            Assert.Equal(Presence.Available, back.Started.State.Presence);
            Assert.True(second.OpenConnections > 0);

            var call = await gateway.Interactions.CreateAsync(new CreateInteractionRequest { QueueId = "sales" }, Cancel);
            await SessionEvents.OfferOf(cara, call.InteractionId);
            await cara.AcceptAsync(call.InteractionId, Cancel);
            await cara.EndAsync(call.InteractionId, Cancel);
            var done = await gateway.Interactions.GetAsync(call.InteractionId, Cancel);
            Assert.Equal((InteractionStatus.Completed, "cara", 1), (done.Status, done.AgentId, done.OfferAttempts));
            await cara.LogoutAsync(Cancel);
        }
        finally
        {
            first.Restore();
        }
    }

    [Fact]
    public async Task Calls_CreatedAtEveryEdge_AllCompletedByAgentsOnDifferentServersEachOfferedOnce()
    {
        const int calls = 12;
        using var caraClient = cluster.Client("acme", ["agent"], "cara", servers: [0]);
        using var danClient = cluster.Client("acme", ["agent"], "dan", servers: [1]);
        using var gateway = cluster.Client("acme", ["gateway"]);
        await using var cara = await caraClient.OpenAgentSessionAsync(cancellationToken: Cancel);
        await using var dan = await danClient.OpenAgentSessionAsync(cancellationToken: Cancel);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < calls; i++)
        {
            ids.Add((await gateway.Interactions.CreateAsync(new CreateInteractionRequest { QueueId = "sales", Channel = Channel.Chat }, Cancel)).InteractionId);
        }

        var work = new Work(ids);
        var answering = new[] { Answer(cara, work), Answer(dan, work) };
        await cara.SetReadyAsync(Cancel);
        await dan.SetReadyAsync(Cancel);
        await Task.WhenAll(answering).WaitAsync(TimeSpan.FromSeconds(30), Cancel);

        var handled = answering.SelectMany(a => a.Result).ToList();
        Assert.Equal(calls, handled.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), handled.Order(StringComparer.Ordinal));
        foreach (var id in ids)
        {
            var done = await gateway.Interactions.GetAsync(id, Cancel);
            Assert.Equal((InteractionStatus.Completed, 1), (done.Status, done.OfferAttempts));
        }
        await cara.LogoutAsync(Cancel);
        await dan.LogoutAsync(Cancel);
    }

    /// <summary>Accepts and ends every offer of the work until all of it is handled by someone; returns
    /// the interactions this agent handled. Offers of other interactions are rejected.</summary>
    private static async Task<List<string>> Answer(AgentSession agent, Work work)
    {
        var mine = new List<string>();
        while (!work.AllHandled.IsCancellationRequested)
        {
            OfferReceived offer;
            try
            {
                offer = await NextOffer(agent, work.AllHandled.Token);
            }
            catch (OperationCanceledException) when (work.AllHandled.IsCancellationRequested)
            {
                break;
            }
            if (!work.Ids.Contains(offer.Offer.InteractionId))
            {
                await agent.RejectAsync(offer.Offer.InteractionId, Cancel);
                continue;
            }
            await agent.AcceptAsync(offer.Offer.InteractionId, Cancel);
            await agent.EndAsync(offer.Offer.InteractionId, Cancel);
            mine.Add(offer.Offer.InteractionId);
            work.OneHandled();
        }
        return mine;
    }

    private static async Task<OfferReceived> NextOffer(AgentSession agent, CancellationToken stop)
    {
        await foreach (var e in agent.Events.ReadAllAsync(stop))
        {
            if (e is OfferReceived offer)
            {
                return offer;
            }
        }
        throw new InvalidOperationException("the agent session closed");
    }

    /// <summary>The interactions to handle, shared by the answering agents.</summary>
    private sealed class Work(HashSet<string> ids)
    {
        private int _left = ids.Count;

        public HashSet<string> Ids { get; } = ids;

        public CancellationTokenSource AllHandled { get; } = new();

        public void OneHandled()
        {
            if (Interlocked.Decrement(ref _left) == 0)
            {
                AllHandled.Cancel();
            }
        }
    }
}
