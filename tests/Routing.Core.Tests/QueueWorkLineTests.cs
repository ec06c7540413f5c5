using Xunit;
using static Routing.Core.Tests.TestData;

namespace Routing.Core.Tests;

public sealed class QueueWorkLineTests
{
    private static readonly TimeSpan Weight = TimeSpan.FromSeconds(60);
    private static readonly QueueTerms Sales = new() { QueueId = "sales", PriorityWeight = Weight };

    private readonly LineState _state = new();

    private QueueWork Work(QueueTerms? terms = null, params string[] members) => new(_state, TimeSpan.FromMinutes(1), terms ?? Sales, members);

    private static LineRequest Request(string id, EnqueueReason reason = EnqueueReason.New) => new()
    {
        InteractionId = id,
        Channel = Channel.Voice,
        Arrival = Now.AddMinutes(-1),
        Priority = 0,
        Reason = reason,
    };

    /// <summary>A work with <c>i-1</c> and <c>i-2</c> waiting, <c>i-3</c> ringing at <c>a-1</c>, and unless
    /// <paramref name="anyoneAvailable"/> is false <c>a-2</c> available (so a change in line is worth a routing pass).</summary>
    private QueueWork WithWaitingAndRinging(bool anyoneAvailable = true)
    {
        var work = Work(members: ["a-1", "a-2"]);
        work.Enqueue(Request("i-3"), Now);
        work.ClaimBestFor(Agent("a-1"), DateTimeOffset.MaxValue, Now);
        work.Enqueue(Request("i-1"), Now);
        work.Enqueue(Request("i-2"), Now);
        if (anyoneAvailable)
        {
            work.AgentAvailable(Agent("a-2"));
        }
        return work;
    }

    [Fact]
    public void New_LoadsTheStoredLineInOrder()
    {
        _state.Waiting.AddRange([Entry("i-2", Now, sequence: 2), Entry("i-1", Now, sequence: 1)]);

        var work = Work();

        Assert.Equal(["i-1", "i-2"], work.Line.InOrder().Select(e => e.InteractionId));
    }

    [Fact]
    public void Enqueue_NewEntry_RankedByPriorityWithTheQueuesSkillsAndItsOwn()
    {
        var work = Work(Sales with { RequiredSkills = Requires(("sales", 1)) });

        var entry = work.Enqueue(Request("i-1") with { Priority = 2, RequiredSkills = Requires(("french", 3)) }, Now).Entry!;

        Assert.Equal(PriorityScore.EffectiveArrival(Now.AddMinutes(-1), 2, Weight), entry.EffectiveArrival);
        Assert.Equal(Requires(("french", 3), ("sales", 1)).OrderBy(r => r.Skill), entry.Requirements.OrderBy(r => r.Skill));
    }

    [Fact]
    public void Enqueue_ExclusionsAlreadyOver_Dropped()
    {
        var entry = Work().Enqueue(Request("i-1") with { Exclusions = [new("a-1", Now), new("a-2", Now.AddSeconds(5))] }, Now).Entry!;

        Assert.Equal([new AgentExclusion("a-2", Now.AddSeconds(5))], entry.Exclusions);
    }

    [Theory]
    [InlineData(true, -1)]
    [InlineData(false, 0)]
    public void Enqueue_TransferredIn_KeepsItsArrivalOrArrivesAnew(bool keeps, int arrivalMinutes)
    {
        var entry = Work(Sales with { TransferKeepsArrivalTime = keeps })
            .Enqueue(Request("i-1", EnqueueReason.Rejoin) with { Transferred = true }, Now).Entry!;

        Assert.Equal(Now.AddMinutes(arrivalMinutes), entry.Arrival);
        Assert.Equal(Now, entry.WaitingSince);
    }

    [Theory]
    [InlineData(EnqueueReason.New, -1)]
    [InlineData(EnqueueReason.Move, 0)]
    [InlineData(EnqueueReason.Overflow, 0)]
    [InlineData(EnqueueReason.Rejoin, -1)]
    public void Enqueue_EntersTheQueueAtArrivalOrNow(EnqueueReason reason, int enteredMinutes)
    {
        var entry = Work().Enqueue(Request("i-1", reason), Now).Entry!;

        Assert.Equal(Now.AddMinutes(enteredMinutes), entry.WaitingSince);
    }

    [Fact]
    public void Enqueue_RejoinWhosePlaceWasLost_WaitsOnFromWhenItFirstEntered()
    {
        var entry = Work().Enqueue(Request("i-1", EnqueueReason.Rejoin) with { EnteredQueue = Now.AddSeconds(-30) }, Now).Entry!;

        Assert.Equal(Now.AddSeconds(-30), entry.WaitingSince);
    }

    [Fact]
    public void Enqueue_PreferredMemberServedLately_OnlyItUntilTheWaitEnds()
    {
        var terms = Sales with { PreferredAgentWait = TimeSpan.FromMinutes(2), PreferredAgentWindow = TimeSpan.FromHours(1) };

        var entry = Work(terms, "a-1").Enqueue(Request("i-1") with { PreferredAgentId = "a-1", PreferredServedAt = Now.AddMinutes(-30) }, Now).Entry!;

        Assert.Equal(("a-1", Now.AddMinutes(1)), (entry.PreferredAgentId, entry.PreferredUntil));
    }

    [Theory]
    [InlineData("a-2", 30, 2)] // not a member
    [InlineData("a-1", 90, 2)] // served too long ago
    [InlineData("a-1", 30, 0)] // the queue does not wait
    [InlineData("a-1", 30, 1)] // the wait ended before it came
    public void Enqueue_PreferenceThatCannotHelp_NotKept(string agentId, int servedMinutesAgo, int waitMinutes)
    {
        var terms = Sales with { PreferredAgentWait = TimeSpan.FromMinutes(waitMinutes), PreferredAgentWindow = TimeSpan.FromHours(1) };

        var entry = Work(terms, "a-1").Enqueue(Request("i-1") with { PreferredAgentId = agentId, PreferredServedAt = Now.AddMinutes(-servedMinutesAgo) }, Now).Entry!;

        Assert.Null(entry.PreferredAgentId);
    }

    [Fact]
    public void Enqueue_EscalatingQueue_EntryCarriesItsStages()
    {
        var steps = new[] { new EscalationStep { After = TimeSpan.FromMinutes(2), Drop = ["sales"] } };

        var entry = Work(Sales with { RequiredSkills = Requires(("sales", 1)), Escalation = steps }).Enqueue(Request("i-1"), Now).Entry!;

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMinutes(2)], entry.Stages.Select(s => s.From));
    }

    [Fact]
    public void ReturnToLine_Ringing_BackToItsPlaceWithTheAgentExcluded()
    {
        var work = WithWaitingAndRinging();

        var result = work.ReturnToLine(Request("i-3"), "a-1", Now.AddSeconds(30), Now);

        Assert.Equal((QueueEffects.Write | QueueEffects.Route, 1), (result.Effects, result.Position));
        Assert.True(result.Entry!.Excludes("a-1", Now));
        Assert.Empty(_state.Offered);
        Assert.Equal(["i-3", "i-1", "i-2"], work.Line.InOrder().Select(e => e.InteractionId));
    }

    [Fact]
    public void ReturnToLine_Waiting_ExcludedInPlace()
    {
        var work = WithWaitingAndRinging();

        var result = work.ReturnToLine(Request("i-2"), "a-1", Now.AddSeconds(30), Now);

        Assert.Equal(2, result.Position);
        Assert.True(work.Line.TryGet("i-2", out var entry) && entry.Excludes("a-1", Now));
    }

    [Fact]
    public void ReturnToLine_Unknown_JoinsAnewWithoutAnExclusionAlreadyOver()
    {
        var work = Work();

        var result = work.ReturnToLine(Request("i-1"), "a-1", Now, Now);

        Assert.Equal(1, result.Position);
        Assert.Empty(result.Entry!.Exclusions);
        Assert.Equal(1, _state.NextSequence);
    }

    [Fact]
    public void ReturnToLine_NotConfigured_Refused()
    {
        var work = new QueueWork(_state, TimeSpan.FromMinutes(1), null, []);

        _state.AssertRefusedUnchanged(work, QueueRefusal.NotConfigured, () => work.ReturnToLine(Request("i-1"), "a-1", Now.AddSeconds(30), Now));
    }

    [Fact]
    public void ChangeChannel_Waiting_KeepsItsPlaceAndRoutes()
    {
        var work = WithWaitingAndRinging();

        var result = work.ChangeChannel("i-1", Channel.Callback);

        Assert.Equal((QueueEffects.Write | QueueEffects.Route, 1), (result.Effects, result.Position));
        Assert.True(work.Line.TryGet("i-1", out var entry) && entry.Channel == Channel.Callback);
    }

    [Fact]
    public void ChangesInLine_NoOneAvailable_NoRoutingPass()
    {
        var work = WithWaitingAndRinging(anyoneAvailable: false);

        var changed = work.ChangeChannel("i-1", Channel.Callback);
        var reprioritised = work.Reprioritise("i-2", 3);
        var returned = work.ReturnToLine(Request("i-3"), "a-1", Now.AddSeconds(30), Now);

        Assert.Equal(QueueEffects.Write, changed.Effects);
        Assert.Equal(QueueEffects.Write | QueueEffects.StatisticsChanged, reprioritised.Effects);
        Assert.Equal(QueueEffects.Write, returned.Effects);
        Assert.Equal(["i-2", "i-3", "i-1"], work.Line.InOrder().Select(e => e.InteractionId));
    }

    [Fact]
    public void ChangeChannel_Ringing_ChangesTheEntryKeptForItsReturn()
    {
        var work = WithWaitingAndRinging();

        var result = work.ChangeChannel("i-3", Channel.Callback);

        Assert.Equal(QueueEffects.Write, result.Effects);
        Assert.Equal(Channel.Callback, _state.Offered["i-3"].Entry.Channel);
    }

    [Fact]
    public void ChangeChannel_NotHere_Refused()
    {
        var work = WithWaitingAndRinging();

        _state.AssertRefusedUnchanged(work, QueueRefusal.NotHere, () => work.ChangeChannel("i-9", Channel.Callback));
    }

    [Fact]
    public void Reprioritise_Waiting_RescoredFromItsArrivalAndMoves()
    {
        var work = WithWaitingAndRinging();

        var result = work.Reprioritise("i-2", 3);

        Assert.Equal(QueueEffects.Write | QueueEffects.Route | QueueEffects.StatisticsChanged, result.Effects);
        Assert.Equal(PriorityScore.EffectiveArrival(Now.AddMinutes(-1), 3, Weight), result.Entry!.EffectiveArrival);
        Assert.Equal(["i-2", "i-1"], work.Line.InOrder().Select(e => e.InteractionId));
    }

    [Fact]
    public void Reprioritise_Ringing_RescoresTheEntryKeptForItsReturn()
    {
        var work = WithWaitingAndRinging();

        var result = work.Reprioritise("i-3", 3);

        Assert.Equal(QueueEffects.Write | QueueEffects.StatisticsChanged, result.Effects);
        Assert.Equal(3, _state.Offered["i-3"].Entry.Priority);
    }

    [Fact]
    public void Reprioritise_NotHere_Refused()
    {
        var work = WithWaitingAndRinging();

        _state.AssertRefusedUnchanged(work, QueueRefusal.NotHere, () => work.Reprioritise("i-9", 3));
    }

    [Fact]
    public void Reprioritise_NotConfigured_Refused()
    {
        var work = new QueueWork(_state, TimeSpan.FromMinutes(1), null, []);

        _state.AssertRefusedUnchanged(work, QueueRefusal.NotConfigured, () => work.Reprioritise("i-1", 3));
    }

    [Theory]
    [InlineData("i-1")]
    [InlineData("i-3")]
    public void Remove_WaitingOrRinging_LeavesAndIsCounted(string interactionId)
    {
        var work = WithWaitingAndRinging();

        var result = work.Remove(interactionId);

        Assert.Equal((QueueEffects.Write | QueueEffects.CountExit, interactionId), (result.Effects, result.Entry!.InteractionId));
        Assert.Equal(2, work.Holding);
    }

    [Fact]
    public void Remove_NotHere_Refused()
    {
        var work = WithWaitingAndRinging();

        _state.AssertRefusedUnchanged(work, QueueRefusal.NotHere, () => work.Remove("i-9"));
    }

    [Fact]
    public void NextChange_TheEarliestOfAnyWaitingEntry()
    {
        var work = Work();
        work.Enqueue(Request("i-1") with { Exclusions = [new("a-1", Now.AddSeconds(40))] }, Now);
        work.Enqueue(Request("i-2") with { Exclusions = [new("a-1", Now.AddSeconds(20))] }, Now);
        work.Enqueue(Request("i-3"), Now);

        Assert.Equal(Now.AddSeconds(20), work.NextChange(Now));
        Assert.Equal(Now.AddSeconds(40), work.NextChange(Now.AddSeconds(20)));
        Assert.Null(work.NextChange(Now.AddSeconds(40)));
    }

    [Fact]
    public void Configure_AgentsNoLongerMembers_LeaveTheIndex()
    {
        var work = Work(members: ["a-1", "a-2"]);
        work.AgentAvailable(Agent("a-1"));
        work.AgentAvailable(Agent("a-2"));

        var result = work.Configure(Sales with { MaxWaiting = 5 }, ["a-2"]);

        Assert.Equal(QueueEffects.Write | QueueEffects.Route, result.Effects);
        Assert.Equal(["a-2"], work.Available.Ids);
        Assert.Equal(5, work.Terms!.MaxWaiting);
        Assert.False(work.IsMember("a-1"));
    }

    [Fact]
    public void Retire_Empty_NoLongerConfiguredAndForgetsItsAgents()
    {
        var work = Work(members: "a-1");
        work.AgentAvailable(Agent("a-1"));

        var result = work.Retire();

        Assert.Equal(QueueEffects.Write, result.Effects);
        Assert.Null(work.Terms);
        Assert.Equal(0, work.Available.Count);
        Assert.False(work.IsMember("a-1"));
    }

    [Fact]
    public void Retire_WithWaitingOrRingingWork_RefusedSayingHowMuch()
    {
        var work = WithWaitingAndRinging();

        var refused = _state.AssertRefusedUnchanged(work, QueueRefusal.StillHasWork, work.Retire);

        Assert.Equal("queue 'sales' still has 2 waiting and 1 ringing interaction(s); move them to another queue first", refused.Message);
    }

    [Fact]
    public void Retire_NotConfigured_Refused()
    {
        var work = new QueueWork(_state, TimeSpan.FromMinutes(1), null, []);

        _state.AssertRefusedUnchanged(work, QueueRefusal.NotConfigured, work.Retire);
    }
}
