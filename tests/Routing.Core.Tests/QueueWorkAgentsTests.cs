using Xunit;
using static Routing.Core.Tests.TestData;

namespace Routing.Core.Tests;

public sealed class QueueWorkAgentsTests
{
    private static readonly QueueTerms Sales = new() { QueueId = "sales", PriorityWeight = TimeSpan.FromSeconds(60) };

    private readonly LineState _state = new();

    private QueueWork Work(params string[] members) => new(_state, TimeSpan.FromMinutes(1), Sales, members);

    private static LineRequest Request(string id, int secondsAgo = 0, Channel channel = Channel.Chat) => new()
    {
        InteractionId = id,
        Channel = channel,
        Arrival = Now.AddSeconds(-secondsAgo),
        Priority = 0,
        Reason = EnqueueReason.New,
    };

    [Fact]
    public void AgentAvailable_MemberWithAFreeChannel_IndexedAndRoutesWhenWorkWaits()
    {
        var work = Work("a-1");
        work.Enqueue(Request("i-1"), Now);

        var result = work.AgentAvailable(Agent("a-1"));

        Assert.Equal(QueueEffects.StatisticsChanged | QueueEffects.Route, result.Effects);
        Assert.Equal(["a-1"], work.Available.Ids);
        Assert.Equal("a-1", Assert.Single(work.MemberStates).AgentId);
    }

    [Fact]
    public void AgentAvailable_NothingWaiting_IndexedWithoutARoutingPass()
    {
        var work = Work("a-1");

        Assert.Equal(QueueEffects.StatisticsChanged, work.AgentAvailable(Agent("a-1")).Effects);
        Assert.Equal(1, work.Available.Count);
    }

    [Fact]
    public void AgentAvailable_NoFreeChannel_LeavesTheIndexButIsKnown()
    {
        var work = Work("a-1");
        work.Enqueue(Request("i-1"), Now);
        work.AgentAvailable(Agent("a-1"));

        var result = work.AgentAvailable(Agent("a-1", freeChannels: []) with { Version = 2, Presence = Presence.NotReady });

        Assert.Equal(QueueEffects.StatisticsChanged, result.Effects);
        Assert.Equal(0, work.Available.Count);
        Assert.Equal(Presence.NotReady, Assert.Single(work.MemberStates).Presence);
    }

    [Fact]
    public void AgentAvailable_NotAMember_NeitherIndexedNorKept()
    {
        var work = Work("a-1");

        var result = work.AgentAvailable(Agent("a-2"));

        Assert.Equal(QueueEffects.StatisticsChanged, result.Effects);
        Assert.Equal(0, work.Available.Count);
        Assert.Empty(work.MemberStates);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void AgentAvailable_NotNewerThanKnown_Refused(long version)
    {
        var work = Work("a-1");
        work.AgentAvailable(Agent("a-1") with { Version = 2 });

        _state.AssertRefusedUnchanged(work, QueueRefusal.OutOfDate, () => work.AgentAvailable(Agent("a-1", freeChannels: []) with { Version = version }));
    }

    [Fact]
    public void PeekFor_TheBestItMayTake_WithoutTakingIt()
    {
        var work = Work("a-1");
        work.Enqueue(Request("i-voice", 60, Channel.Voice), Now);
        work.Enqueue(Request("i-chat", 30), Now);
        var before = _state.Picture(work);

        var entry = work.PeekFor(Agent("a-1", freeChannels: [Channel.Chat]), Now);

        Assert.Equal("i-chat", entry!.InteractionId);
        Assert.Equal(before, _state.Picture(work));
    }

    [Fact]
    public void PeekFor_NotAMember_Nothing()
    {
        var work = Work("a-1");
        work.Enqueue(Request("i-1"), Now);

        Assert.Null(work.PeekFor(Agent("a-2"), Now));
    }

    [Fact]
    public void ClaimBestFor_TakesTheBestOutOfLineForAnOfferToIt()
    {
        var work = Work("a-1");
        work.Enqueue(Request("i-1", 60), Now);
        work.Enqueue(Request("i-2", 30), Now);

        var result = work.ClaimBestFor(Agent("a-1"), DateTimeOffset.MaxValue, Now);

        Assert.Equal((QueueEffects.Write | QueueEffects.StatisticsChanged, "i-1"), (result.Effects, result.Entry!.InteractionId));
        Assert.Equal(new OfferedEntry(result.Entry, "a-1", Now), _state.Offered["i-1"]);
        Assert.Equal(["i-2"], work.Line.InOrder().Select(e => e.InteractionId));
    }

    [Fact]
    public void ClaimBestFor_SkipsWorkItMayNotTake()
    {
        var work = Work("a-1");
        work.Enqueue(Request("i-1", 60) with { Exclusions = [new("a-1", Now.AddSeconds(30))] }, Now);
        work.Enqueue(Request("i-2", 30), Now);

        Assert.Equal("i-2", work.ClaimBestFor(Agent("a-1"), DateTimeOffset.MaxValue, Now).Entry!.InteractionId);
    }

    [Fact]
    public void ClaimBestFor_ScoringWorseThanAnotherQueuesBest_Refused()
    {
        var work = Work("a-1");
        work.Enqueue(Request("i-1", 30), Now);

        _state.AssertRefusedUnchanged(work, QueueRefusal.NothingEligible, () => work.ClaimBestFor(Agent("a-1"), Now.AddSeconds(-31), Now));
    }

    [Fact]
    public void ClaimBestFor_NothingItMayTake_Refused()
    {
        var work = Work("a-1");
        work.Enqueue(Request("i-1", channel: Channel.Voice), Now);

        _state.AssertRefusedUnchanged(work, QueueRefusal.NothingEligible, () => work.ClaimBestFor(Agent("a-1", freeChannels: [Channel.Chat]), DateTimeOffset.MaxValue, Now));
    }

    [Fact]
    public void ClaimBestFor_NotAMember_Refused()
    {
        var work = Work("a-1");
        work.Enqueue(Request("i-1"), Now);

        _state.AssertRefusedUnchanged(work, QueueRefusal.NothingEligible, () => work.ClaimBestFor(Agent("a-2"), DateTimeOffset.MaxValue, Now));
    }

    [Fact]
    public void ClaimBestFor_NotConfigured_Refused()
    {
        var work = new QueueWork(_state, TimeSpan.FromMinutes(1), null, ["a-1"]);

        _state.AssertRefusedUnchanged(work, QueueRefusal.NotConfigured, () => work.ClaimBestFor(Agent("a-1"), DateTimeOffset.MaxValue, Now));
    }
}
