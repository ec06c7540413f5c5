using Routing.Core.Hours;
using Xunit;
using static Routing.Core.Tests.TestData;

namespace Routing.Core.Tests;

public sealed class QueueWorkAdmissionTests
{
    private static readonly QueueTerms Sales = new() { QueueId = "sales", PriorityWeight = TimeSpan.FromSeconds(60) };

    /// <summary>Open on Fridays 10:00–12:00 UTC: closed at <see cref="TestData.Now"/> (Friday 09:30), opening at 10:00.</summary>
    private static readonly BusinessHours FridayMornings = new() { Weekly = [new WeeklyHours { Day = DayOfWeek.Friday, Open = ["10:00-12:00"] }] };

    private readonly LineState _state = new();

    private QueueWork Work(QueueTerms? terms = null, params string[] members) => new(_state, TimeSpan.FromMinutes(1), terms ?? Sales, members);

    private static LineRequest Request(string id, EnqueueReason reason = EnqueueReason.New, DateTimeOffset? arrival = null) => new()
    {
        InteractionId = id,
        Channel = Channel.Voice,
        Arrival = arrival ?? Now,
        Priority = 0,
        Reason = reason,
    };

    private static AgentCandidate Member(string id, Presence presence, SkillSet? skills = null, long version = 1) =>
        Agent(id, skills: skills, freeChannels: presence == Presence.Available ? [Channel.Voice] : []) with { Presence = presence, Version = version };

    [Fact]
    public void Enqueue_NewWork_JoinsTheLineCountsAnArrivalAndRoutes()
    {
        var work = Work(members: "a-1");
        work.AgentAvailable(Agent("a-1"));

        var result = work.Enqueue(Request("i-1"), Now);

        Assert.True(result.Accepted);
        Assert.Equal(1, result.Position);
        Assert.Equal(QueueEffects.Write | QueueEffects.Route | QueueEffects.StatisticsChanged | QueueEffects.Joined | QueueEffects.CountArrival, result.Effects);
        Assert.Same(result.Entry, Assert.Single(work.Line.InOrder()));
        Assert.Equal(Now, result.Entry!.WaitingSince);
        Assert.Equal(0, result.Entry.Sequence);
        Assert.Equal(1, _state.NextSequence);
    }

    [Fact]
    public void Enqueue_NoOneAvailable_JoinsTheLineWithoutARoutingPass()
    {
        var work = Work(members: "a-1");
        work.AgentAvailable(Member("a-1", Presence.NotReady));

        var result = work.Enqueue(Request("i-1"), Now);

        Assert.Equal(QueueEffects.Write | QueueEffects.StatisticsChanged | QueueEffects.Joined | QueueEffects.CountArrival, result.Effects);
        Assert.Same(result.Entry, Assert.Single(work.Line.InOrder()));
    }

    [Fact]
    public void Enqueue_NotConfigured_Refused()
    {
        var work = new QueueWork(_state, TimeSpan.FromMinutes(1), null, []);

        _state.AssertRefusedUnchanged(work, QueueRefusal.NotConfigured, () => work.Enqueue(Request("i-1"), Now));
    }

    [Theory]
    [InlineData(EnqueueReason.New)]
    [InlineData(EnqueueReason.Move)]
    [InlineData(EnqueueReason.Overflow)]
    public void Enqueue_Full_RefusedSayingHowMany(EnqueueReason reason)
    {
        // One ringing and one waiting: the limit counts both.
        var work = Work(Sales with { MaxWaiting = 2 }, "a-1");
        work.Enqueue(Request("i-1"), Now);
        work.ClaimBestFor(Agent("a-1"), DateTimeOffset.MaxValue, Now);
        work.Enqueue(Request("i-2"), Now);

        var refused = _state.AssertRefusedUnchanged(work, QueueRefusal.Full, () => work.Enqueue(Request("i-3", reason), Now));

        Assert.Equal("queue 'sales' is full: 2 waiting", refused.Message);
    }

    [Fact]
    public void Enqueue_Rejoin_AdmittedWhateverTheRules()
    {
        var work = Work(Sales with { MaxWaiting = 1, Hours = FridayMornings, WaitWithoutAgents = false }, "a-1");
        work.AgentAvailable(Member("a-1", Presence.Offline));
        work.Enqueue(Request("i-1", EnqueueReason.Move), Now);

        var result = work.Enqueue(Request("i-2", EnqueueReason.Rejoin), Now);

        Assert.True(result.Has(QueueEffects.Joined));
        Assert.Equal(2, work.Line.Count);
    }

    [Fact]
    public void Enqueue_NewWhileClosed_RefusedSayingWhenItOpens()
    {
        var work = Work(Sales with { Hours = FridayMornings });

        var refused = _state.AssertRefusedUnchanged(work, QueueRefusal.Closed, () => work.Enqueue(Request("i-1"), Now));

        Assert.Equal("queue 'sales' is closed until Fri 10:00 UTC", refused.Message);
    }

    [Fact]
    public void Enqueue_NewWhileClosedWithNoOpening_RefusedSayingSo()
    {
        var work = Work(Sales with { Hours = new BusinessHours() });

        var refused = _state.AssertRefusedUnchanged(work, QueueRefusal.Closed, () => work.Enqueue(Request("i-1"), Now));

        Assert.Equal("queue 'sales' is closed with no opening in the next year", refused.Message);
    }

    [Fact]
    public void Enqueue_NewWhileClosedThatOverflows_OverflowsWithoutJoining()
    {
        var work = Work(Sales with { Hours = FridayMornings, OverflowWhenClosed = true });
        var before = _state.Picture(work);

        var result = work.Enqueue(Request("i-1"), Now);

        Assert.True(result.Accepted);
        Assert.Equal(QueueEffects.OverflowOnArrival, result.Effects);
        Assert.Equal(QueueRefusal.Closed, result.OverflowedBy);
        Assert.Null(result.Entry);
        Assert.Equal(before, _state.Picture(work));
    }

    [Theory]
    [InlineData(EnqueueReason.Move)]
    [InlineData(EnqueueReason.Overflow)]
    public void Enqueue_MovedWhileClosed_Admitted(EnqueueReason reason)
    {
        var work = Work(Sales with { Hours = FridayMornings });

        Assert.True(work.Enqueue(Request("i-1", reason), Now).Has(QueueEffects.Joined));
    }

    [Fact]
    public void Enqueue_NewWhileOpen_Admitted()
    {
        var work = Work(Sales with { Hours = FridayMornings });

        Assert.True(work.Enqueue(Request("i-1"), Now.AddHours(1)).Has(QueueEffects.Joined));
    }

    [Fact]
    public void Enqueue_NewWithEveryMemberOffline_Refused()
    {
        var work = Work(Sales with { WaitWithoutAgents = false }, "a-1", "a-2");
        work.AgentAvailable(Member("a-1", Presence.Offline));
        work.AgentAvailable(Member("a-2", Presence.Offline));

        var refused = _state.AssertRefusedUnchanged(work, QueueRefusal.NoAgents, () => work.Enqueue(Request("i-1"), Now));

        Assert.Equal("no agents logged in for queue 'sales' who can take this interaction", refused.Message);
    }

    [Fact]
    public void Enqueue_NewWithOnlyMembersLackingItsSkill_Refused()
    {
        var work = Work(Sales with { WaitWithoutAgents = false, RequiredSkills = Requires(("billing", 2)) }, "a-1");
        work.AgentAvailable(Member("a-1", Presence.NotReady, Skills(("billing", 1))));

        _state.AssertRefusedUnchanged(work, QueueRefusal.NoAgents, () => work.Enqueue(Request("i-1"), Now));
    }

    [Fact]
    public void Enqueue_NewWithNoAgentsThatOverflows_OverflowsWithoutJoining()
    {
        var work = Work(Sales with { WaitWithoutAgents = false, OverflowWithoutAgents = true }, "a-1");
        work.AgentAvailable(Member("a-1", Presence.Offline));
        var before = _state.Picture(work);

        var result = work.Enqueue(Request("i-1"), Now);

        Assert.Equal((QueueEffects.OverflowOnArrival, QueueRefusal.NoAgents), (result.Effects, result.OverflowedBy));
        Assert.Equal(before, _state.Picture(work));
    }

    [Theory]
    [InlineData(Presence.NotReady)]
    [InlineData(Presence.Available)]
    public void Enqueue_NewWithAMemberLoggedIn_Admitted(Presence presence)
    {
        var work = Work(Sales with { WaitWithoutAgents = false }, "a-1", "a-2");
        work.AgentAvailable(Member("a-1", Presence.Offline));
        work.AgentAvailable(Member("a-2", presence));

        Assert.True(work.Enqueue(Request("i-1"), Now).Has(QueueEffects.Joined));
    }

    [Fact]
    public void Enqueue_NewWithAMemberNotHeardFrom_WaitsRatherThanRefused()
    {
        var work = Work(Sales with { WaitWithoutAgents = false }, "a-1", "a-2");
        work.AgentAvailable(Member("a-1", Presence.Offline));

        Assert.True(work.Enqueue(Request("i-1"), Now).Has(QueueEffects.Joined));
    }

    [Fact]
    public void Enqueue_ClosedComesBeforeNoAgentsAndTheSizeLimit()
    {
        var work = Work(Sales with { Hours = FridayMornings, WaitWithoutAgents = false, MaxWaiting = 1 }, "a-1");
        work.AgentAvailable(Member("a-1", Presence.Offline));
        work.Enqueue(Request("i-1", EnqueueReason.Rejoin), Now);

        _state.AssertRefusedUnchanged(work, QueueRefusal.Closed, () => work.Enqueue(Request("i-2"), Now));
    }

    [Fact]
    public void Enqueue_AlreadyWaiting_AnswersItsPlaceAndChangesNothing()
    {
        var work = Work();
        work.Enqueue(Request("i-1"), Now);
        var first = work.Enqueue(Request("i-2"), Now).Entry;
        var before = _state.Picture(work);

        var result = work.Enqueue(Request("i-2", arrival: Now.AddMinutes(-5)), Now.AddSeconds(10));

        Assert.Equal((QueueEffects.None, 2), (result.Effects, result.Position));
        Assert.Same(first, result.Entry);
        Assert.Equal(before, _state.Picture(work));
    }

    [Fact]
    public void Enqueue_RingingLately_AnswersWithoutAPlaceAndChangesNothing()
    {
        var work = Work(members: "a-1");
        work.Enqueue(Request("i-1"), Now);
        work.ClaimBestFor(Agent("a-1"), DateTimeOffset.MaxValue, Now);
        var before = _state.Picture(work);

        var result = work.Enqueue(Request("i-1", EnqueueReason.Rejoin), Now.AddSeconds(59));

        Assert.Equal((QueueEffects.None, 0, "i-1"), (result.Effects, result.Position, result.Entry!.InteractionId));
        Assert.Equal(before, _state.Picture(work));
    }

    [Fact]
    public void Enqueue_RingingTooLong_GoesBackToItsPlaceWithoutCountingAnArrival()
    {
        var work = Work(Sales with { MaxWaiting = 1 }, "a-1", "a-2");
        var entry = work.Enqueue(Request("i-1"), Now).Entry;
        work.ClaimBestFor(Agent("a-1"), DateTimeOffset.MaxValue, Now);
        work.AgentAvailable(Agent("a-2"));

        var result = work.Enqueue(Request("i-1", EnqueueReason.New), Now.AddMinutes(1));

        Assert.Equal(QueueEffects.Write | QueueEffects.Route | QueueEffects.StatisticsChanged | QueueEffects.Joined, result.Effects);
        Assert.Same(entry, result.Entry);
        Assert.Equal(1, result.Position);
        Assert.Empty(_state.Offered);
    }
}
