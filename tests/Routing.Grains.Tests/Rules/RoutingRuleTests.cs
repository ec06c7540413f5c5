using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.Grains.Tests.Infrastructure;
using static Routing.Grains.Tests.Infrastructure.TestCentre;

namespace Routing.Grains.Tests.Rules;

[Collection(ClusterCollection.Name)]
public sealed class RoutingRuleTests(ClusterFixture fixture)
{
    private readonly TestCentre _centre = new(fixture.Client);

    [Fact]
    public async Task FreedAgent_SeveralQueuesWaiting_GetsTheBestScoredAcrossQueues()
    {
        await _centre.Apply([Queue("sales"), Queue("billing"), Queue("support")], [Agent("ann") with { Queues = ["sales", "billing", "support"] }]);
        // The oldest call is in billing, the middle queue by name: the agent must not just take the first queue that answers.
        var oldest = await _centre.Call("billing");
        await _centre.Call("sales");
        await _centre.Call("support");

        var ann = await _centre.Ready("ann");

        Assert.Equal(oldest, (await ann.NextOffer()).InteractionId);
    }

    [Fact]
    public async Task FreedAgent_AfterEachInteraction_TakesNextBestAcrossQueues()
    {
        await _centre.Apply([Queue("sales"), Queue("billing")], [Agent("ann") with { Queues = ["sales", "billing"] }]);
        var first = await _centre.Call("billing");
        var second = await _centre.Call("sales");
        var third = await _centre.Call("billing");
        var ann = await _centre.Ready("ann");

        foreach (var expected in new[] { first, second, third })
        {
            var offer = await ann.NextOffer();
            Assert.Equal(expected, offer.InteractionId);
            await _centre.InteractionGrain(offer.InteractionId).Accept("ann");
            await _centre.InteractionGrain(offer.InteractionId).Complete("ann", new Disposition("done"));
        }
    }

    [Fact]
    public async Task HighPriority_JumpsAheadOfEarlierNormalPriority()
    {
        await _centre.Apply([Queue("sales") with { PriorityWeight = TimeSpan.FromSeconds(60) }], [Agent("ann")]);
        var normal = await _centre.Call("sales", priority: 0);
        var urgent = await _centre.Call("sales", priority: 2);

        var line = await _centre.QueueGrain("sales").GetSnapshot();
        Assert.Equal([urgent, normal], line.Waiting);

        var ann = await _centre.Ready("ann");
        Assert.Equal(urgent, (await ann.NextOffer()).InteractionId);
    }

    [Fact]
    public async Task Priority_IsExtraWait_SoOldEnoughWorkStillComesFirst()
    {
        // One priority point is worth 1 ms of waiting here, so a call queued earlier than that stays ahead.
        await _centre.Apply([Queue("sales") with { PriorityWeight = TimeSpan.FromTicks(1) }], [Agent("ann")]);
        var old = await _centre.Call("sales", priority: 0);
        await _centre.InteractionGrain(old).GetSnapshot();
        var urgentButNew = await _centre.Call("sales", priority: 1);

        var line = await _centre.QueueGrain("sales").GetSnapshot();

        Assert.Equal([old, urgentButNew], line.Waiting);
    }

    [Fact]
    public async Task Tenants_BothWithQueueSales_NeverSeeEachOthersWork()
    {
        var other = new TestCentre(fixture.Client);
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        await other.Apply([Queue("sales")], [Agent("ann")]);
        var theirAnn = await other.Ready("ann");
        var ourCall = await _centre.Call("sales");

        var line = await _centre.QueueGrain("sales").GetSnapshot();
        Assert.Equal([ourCall], line.Waiting);
        Assert.Empty((await other.QueueGrain("sales").GetSnapshot()).Waiting);
        await theirAnn.WaitForState(s => s.Presence == Presence.Available);
        Assert.False(theirAnn.TryTakeOffer(out _));

        var ourAnn = await _centre.Ready("ann");
        Assert.Equal(ourCall, (await ourAnn.NextOffer()).InteractionId);
    }

    [Fact]
    public async Task Skills_AgentBelowMinimumLevel_IsNotOffered()
    {
        await _centre.Apply(
            [Queue("french", Needs("lang.fr", 4)) with { }],
            [Agent("novice", Has("lang.fr", 2)) with { Queues = ["french"] }, Agent("fluent", Has("lang.fr", 5))]);
        var novice = await _centre.Ready("novice");
        var call = await _centre.Call("french");

        await novice.WaitForState(s => s.Presence == Presence.Available);
        Assert.Equal([call], (await _centre.QueueGrain("french").GetSnapshot()).Waiting);

        var fluent = await _centre.Ready("fluent");
        Assert.Equal(call, (await fluent.NextOffer()).InteractionId);
        Assert.False(novice.TryTakeOffer(out _));
    }

    [Fact]
    public async Task InteractionLanguage_AddsToQueueSkills()
    {
        await _centre.Apply([Queue("support", Needs("support"))], [
            Agent("en", Has("support"), Has("lang.en")),
            Agent("fr", Has("support"), Has("lang.fr"))]);
        var en = await _centre.Ready("en");
        var fr = await _centre.Ready("fr");

        var call = await _centre.Call("support", skills: Needs("lang.fr", 2));

        Assert.Equal(call, (await fr.NextOffer()).InteractionId);
        Assert.False(en.TryTakeOffer(out _));
    }

    [Fact]
    public async Task ChatCapacity_AgentTakesThreeChatsAtOnce_FourthWaits()
    {
        await _centre.Apply([Queue("chat")], [Agent("ann") with { Capacity = new ChannelCounts { Chat = 3 } }]);
        var ann = await _centre.Ready("ann");
        var chats = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            chats.Add(await _centre.Call("chat", channel: Channel.Chat));
        }

        var offered = new[] { await ann.NextOffer(), await ann.NextOffer(), await ann.NextOffer() };
        foreach (var offer in offered)
        {
            await _centre.InteractionGrain(offer.InteractionId).Accept("ann");
        }

        Assert.Equal(chats.Take(3).Order(), offered.Select(o => o.InteractionId).Order());
        var agent = await _centre.AgentGrain("ann").GetSnapshot();
        Assert.Equal(3, agent.Load.Chat);
        Assert.Equal([chats[3]], (await _centre.QueueGrain("chat").GetSnapshot()).Waiting);

        await _centre.InteractionGrain(chats[0]).Complete("ann", new Disposition("done"));
        Assert.Equal(chats[3], (await ann.NextOffer()).InteractionId);
    }

    [Fact]
    public async Task VoiceIsExclusive_AgentOnACall_GetsNoChat()
    {
        await _centre.Apply([Queue("voice"), Queue("chat")], [Agent("ann") with { Capacity = new ChannelCounts { Voice = 1, Chat = 3 } }]);
        var ann = await _centre.Ready("ann");
        var call = await _centre.Call("voice");
        await _centre.InteractionGrain((await ann.NextOffer()).InteractionId).Accept("ann");

        var chat = await _centre.Call("chat", channel: Channel.Chat);

        Assert.Equal([chat], (await _centre.QueueGrain("chat").GetSnapshot()).Waiting);
        await _centre.InteractionGrain(call).Complete("ann", new Disposition("done"));
        Assert.Equal(chat, (await ann.NextOffer()).InteractionId);
    }

    [Fact]
    public async Task VoiceNotExclusive_AgentOnACall_StillGetsChats()
    {
        await _centre.Apply(
            [Queue("voice"), Queue("chat")],
            [Agent("ann") with { Capacity = new ChannelCounts { Voice = 1, Chat = 3 } }],
            c => c with { VoiceIsExclusive = false });
        var ann = await _centre.Ready("ann");
        await _centre.Call("voice");
        await _centre.InteractionGrain((await ann.NextOffer()).InteractionId).Accept("ann");

        var chat = await _centre.Call("chat", channel: Channel.Chat);

        Assert.Equal(chat, (await ann.NextOffer()).InteractionId);
    }

    [Fact]
    public async Task MostSkilledStrategy_OffersToTheMostProficientAvailableAgent()
    {
        await _centre.Apply(
            [Queue("support", Needs("support")) with { Strategy = SelectionStrategy.MostSkilled }],
            [Agent("junior", Has("support", 2)), Agent("senior", Has("support", 5)), Agent("mid", Has("support", 3))]);
        var probes = new Dictionary<string, AgentProbe>();
        foreach (var agent in new[] { "junior", "senior", "mid" })
        {
            probes[agent] = await _centre.Ready(agent);
            await probes[agent].WaitForState(s => s.Presence == Presence.Available);
        }
        // Wait until the queue's index knows all three, so the choice is the strategy's, not timing's.
        await WaitForAvailableAgents("support", 3);

        var call = await _centre.Call("support");

        Assert.Equal(call, (await probes["senior"].NextOffer()).InteractionId);
    }

    [Fact]
    public async Task LongestIdleStrategy_OffersToTheAgentIdleLongest()
    {
        await _centre.Apply([Queue("sales")], [Agent("early"), Agent("late")]);
        var early = await _centre.Ready("early");
        await early.WaitForState(s => s.Presence == Presence.Available);
        var late = await _centre.Ready("late");
        await WaitForAvailableAgents("sales", 2);

        var call = await _centre.Call("sales");

        Assert.Equal(call, (await early.NextOffer()).InteractionId);
        Assert.False(late.TryTakeOffer(out _));
    }

    [Fact]
    public async Task RoundRobinStrategy_ChatsGoToEachAgentInTurn()
    {
        var chatter = new ChannelCounts { Chat = 3 };
        await _centre.Apply(
            [Queue("chat") with { Strategy = SelectionStrategy.RoundRobin }],
            [Agent("a1") with { Capacity = chatter }, Agent("a2") with { Capacity = chatter }, Agent("a3") with { Capacity = chatter }]);
        foreach (var agent in new[] { "a1", "a2", "a3" })
        {
            await _centre.Ready(agent);
        }
        await WaitForAvailableAgents("chat", 3);

        var received = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var chat = await _centre.Call("chat", channel: Channel.Chat);
            var offered = await _centre.Gateway.WaitFor(chat, e => e.Kind == InteractionEventKind.Offered);
            received.Add(offered.AgentId!);
        }

        // Each agent in turn: never the same agent twice in a row, and two chats each.
        Assert.All(received.Zip(received.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
        Assert.All(received.GroupBy(a => a), g => Assert.Equal(2, g.Count()));
    }

    [Fact]
    public async Task LeastOccupiedStrategy_ChatGoesToTheAgentWithLessLoad()
    {
        var chatter = new ChannelCounts { Chat = 3 };
        await _centre.Apply(
            [Queue("chat") with { Strategy = SelectionStrategy.LeastOccupied }],
            [Agent("busy") with { Capacity = chatter }, Agent("free") with { Capacity = chatter }]);
        var busy = await _centre.Ready("busy");
        await busy.WaitForState(s => s.Presence == Presence.Available);
        var first = await _centre.Call("chat", channel: Channel.Chat);
        await _centre.InteractionGrain((await busy.NextOffer()).InteractionId).Accept("busy");
        var free = await _centre.Ready("free");
        await WaitForAvailableAgents("chat", 2);

        var second = await _centre.Call("chat", channel: Channel.Chat);

        Assert.Equal(second, (await free.NextOffer()).InteractionId);
        Assert.NotEqual(first, second);
    }

    /// <summary>The queue's index of available agents is fed by one-way messages and pushes no event,
    /// so this checks the queue's own view until it holds <paramref name="count"/> agents (bounded).</summary>
    private async Task WaitForAvailableAgents(string queueId, int count)
    {
        using var timeout = new CancellationTokenSource(AgentProbe.Patience);
        while ((await _centre.QueueGrain(queueId).GetSnapshot()).AvailableAgents.Length < count)
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
