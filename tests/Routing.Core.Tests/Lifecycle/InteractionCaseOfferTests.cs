using Routing.Core.Lifecycle;
using Xunit;
using static Routing.Core.Lifecycle.InteractionEffects;
using static Routing.Core.Tests.TestData;

namespace Routing.Core.Tests.Lifecycle;

public sealed class InteractionCaseOfferTests
{
    private static readonly TimeSpan Ring = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(30);

    private readonly CaseState _state = new() { Status = InteractionStatus.Queued };

    private InteractionCase Case => new(_state, "acme", "i-1");

    private void Ringing(string agentId = "ann")
    {
        _state.Status = InteractionStatus.Offered;
        _state.AgentId = agentId;
        _state.OfferAttempts = 1;
        _state.OfferDeadline = Now + Ring;
    }

    public static TheoryData<InteractionStatus> NotQueued =>
        [.. Enum.GetValues<InteractionStatus>().Where(s => s != InteractionStatus.Queued)];

    public static TheoryData<InteractionStatus> NotRinging =>
        [.. Enum.GetValues<InteractionStatus>().Where(s => s != InteractionStatus.Offered)];

    [Fact]
    public void Create_New_WaitsInLineFromNow()
    {
        _state.Status = InteractionStatus.None;

        var result = Case.Create(Now);

        Assert.Equal((InteractionStatus.Queued, Now), (_state.Status, _state.Arrival));
        Assert.Equal(None, result.Effects);
        Assert.Equal([new InteractionNote(InteractionEventKind.Queued, InteractionStatus.Queued, null, null)], result.Notes);
    }

    [Fact]
    public void Create_Existing_Refused() =>
        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, "interaction 'i-1' is Queued: it exists already", () => Case.Create(Now));

    [Fact]
    public void RollBackCreate_RefusedByItsQueue_IsNoneAgain()
    {
        _state.Status = InteractionStatus.None;
        Case.Create(Now);

        Assert.True(Case.RollBackCreate().Accepted);
        Assert.Equal(InteractionStatus.None, _state.Status);
    }

    [Fact]
    public void RollBackCreate_OfferedMeanwhile_Refused()
    {
        Ringing();

        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, "interaction 'i-1' is Offered: only a creation waiting for its queue rolls back",
            Case.RollBackCreate);
    }

    [Fact]
    public void Offer_FromQueued_RingsAtTheAgentUntilItsDeadline()
    {
        var result = Case.Offer("ann", Ring, Now);

        Assert.True(result.Accepted);
        Assert.Equal((InteractionStatus.Offered, "ann", 1, Now + Ring), (_state.Status, _state.AgentId, _state.OfferAttempts, _state.OfferDeadline));
        Assert.Equal(StopWatchdog | RearmTimer | Write, result.Effects);
        Assert.Equal([new InteractionNote(InteractionEventKind.Offered, InteractionStatus.Offered, "ann", "attempt 1")], result.Notes);
    }

    [Theory]
    [MemberData(nameof(NotQueued))]
    public void Offer_NotQueued_RefusedSoItNeverRingsTwice(InteractionStatus status)
    {
        _state.Status = status;
        _state.AgentId = status == InteractionStatus.None ? null : "bob";

        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, $"interaction 'i-1' is {status}: only waiting work is offered",
            () => Case.Offer("ann", Ring, Now));
    }

    [Fact]
    public void Accept_ByTheAgentItRingsAt_ConnectsAndStartsItsLeg()
    {
        Ringing();

        var result = Case.Accept("ann", "sales", TimeSpan.FromMinutes(2), Now);

        Assert.True(result.Accepted);
        Assert.Equal((InteractionStatus.Connected, "ann", (DateTimeOffset?)null), (_state.Status, _state.AgentId, _state.OfferDeadline));
        Assert.Equal([new InteractionLeg { AgentId = "ann", QueueId = "sales", ConnectedAt = Now, MaxWrapUpExtension = TimeSpan.FromMinutes(2) }], _state.Legs);
        Assert.Equal(CustomerServed | RearmTimer | RemoveAnswered | Write, result.Effects);
        Assert.Equal("ann", result.Agent);
        Assert.Equal([new InteractionNote(InteractionEventKind.Connected, InteractionStatus.Connected, "ann", null)], result.Notes);
    }

    [Fact]
    public void Accept_ByAnotherAgent_Refused()
    {
        Ringing("bob");

        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition,
            "agent 'ann' cannot accept interaction 'i-1': it is Offered with agent 'bob'",
            () => Case.Accept("ann", "sales", TimeSpan.Zero, Now));
    }

    [Theory]
    [MemberData(nameof(NotRinging))]
    public void Accept_NothingRinging_Refused(InteractionStatus status)
    {
        _state.Status = status;
        _state.AgentId = status is InteractionStatus.Connected or InteractionStatus.WrapUp or InteractionStatus.Completed ? "ann" : null;
        var (kind, message) = status == InteractionStatus.None
            ? (InteractionRefusalKind.NotFound, "interaction 'i-1' does not exist in tenant 'acme'")
            : (InteractionRefusalKind.FailedPrecondition, $"agent 'ann' cannot accept interaction 'i-1': it is {status}{(_state.AgentId is null ? "" : " with agent 'ann'")}");

        _state.AssertRefusedUnchanged(kind, message, () => Case.Accept("ann", "sales", TimeSpan.Zero, Now));
    }

    [Fact]
    public void Accept_BadAgentId_RefusedAsInvalid()
    {
        Ringing();

        _state.AssertRefusedUnchanged(InteractionRefusalKind.InvalidArgument, EntityId.Problem("agent", "a b")!,
            () => Case.Accept("a b", "sales", TimeSpan.Zero, Now));
    }

    [Fact]
    public void RejectOffer_BackInLineWithoutThatAgentForTheDelay()
    {
        Ringing();

        var result = Case.RejectOffer("ann", Now, Delay);

        Assert.Equal((InteractionStatus.Queued, (string?)null, (DateTimeOffset?)null), (_state.Status, _state.AgentId, _state.OfferDeadline));
        Assert.Equal(StartWatchdog | ReleaseOffer | ReturnToLine | Write, result.Effects);
        Assert.Equal(("ann", (DateTimeOffset?)(Now + Delay)), (result.Agent, result.ExcludeUntil));
        Assert.Equal([new InteractionNote(InteractionEventKind.OfferRejected, InteractionStatus.Queued, "ann", null)], result.Notes);
    }

    [Fact]
    public void RejectOffer_ByAnotherAgent_Refused()
    {
        Ringing("bob");

        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition,
            "agent 'ann' cannot reject interaction 'i-1': it is Offered with agent 'bob'",
            () => Case.RejectOffer("ann", Now, Delay));
    }

    [Fact]
    public void TimeOutOffer_AtItsDeadline_BackInLineWithoutThatAgent()
    {
        Ringing();
        var at = Now + Ring;

        Assert.True(Case.OfferRangOut(at));
        var result = Case.TimeOutOffer(at, Delay);

        Assert.Equal(InteractionStatus.Queued, _state.Status);
        Assert.Equal(StartWatchdog | ReleaseOffer | ReturnToLine | Write, result.Effects);
        Assert.Equal(at + Delay, result.ExcludeUntil);
        Assert.Equal([new InteractionNote(InteractionEventKind.OfferTimedOut, InteractionStatus.Queued, "ann", null)], result.Notes);
    }

    [Fact]
    public void TimeOutOffer_BeforeItsDeadline_Refused()
    {
        Ringing();

        Assert.False(Case.OfferRangOut(Now));
        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition,
            "interaction 'i-1' has no offer ringing: it is Offered with agent 'ann'",
            () => Case.TimeOutOffer(Now, Delay));
    }

    [Fact]
    public void WithdrawOffer_BackInLineAtOnce_NoOneExcluded()
    {
        Ringing();

        var result = Case.WithdrawOffer(Now);

        Assert.Equal(InteractionStatus.Queued, _state.Status);
        Assert.Equal(StartWatchdog | ReleaseOffer | ReturnToLine | Write, result.Effects);
        Assert.Equal(Now, result.ExcludeUntil);
        Assert.Equal([new InteractionNote(InteractionEventKind.OfferRescinded, InteractionStatus.Queued, "ann", "withdrawn")], result.Notes);
    }

    [Theory]
    [MemberData(nameof(NotRinging))]
    public void WithdrawOrRescind_NothingRinging_Refused(InteractionStatus status)
    {
        _state.Status = status;

        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, $"interaction 'i-1' has no offer ringing: it is {status}", () => Case.WithdrawOffer(Now));
        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, $"interaction 'i-1' has no offer ringing: it is {status}", Case.RescindOffer);
    }

    [Fact]
    public void HangUpWhileRinging_RescindsTheOfferThenAbandons()
    {
        Ringing();

        var rescinded = Case.RescindOffer();

        Assert.Equal((InteractionStatus.Offered, "ann", (DateTimeOffset?)null), (_state.Status, _state.AgentId, _state.OfferDeadline));
        Assert.Equal(RearmTimer | ReleaseOffer, rescinded.Effects);
        Assert.Equal([new InteractionNote(InteractionEventKind.OfferRescinded, InteractionStatus.Offered, "ann", "customer hung up")], rescinded.Notes);

        var abandoned = Case.Abandon();

        Assert.Equal((InteractionStatus.Abandoned, (string?)null), (_state.Status, _state.AgentId));
        Assert.Equal(StopWatchdog | RemoveAbandoned | Write, abandoned.Effects);
        Assert.Equal([new InteractionNote(InteractionEventKind.Abandoned, InteractionStatus.Abandoned, null, "customer hung up")], abandoned.Notes);
    }

    [Fact]
    public void Abandon_WhileWaiting_LeavesTheQueue()
    {
        var result = Case.Abandon();

        Assert.Equal(InteractionStatus.Abandoned, _state.Status);
        Assert.Equal(StopWatchdog | RemoveAbandoned | Write, result.Effects);
    }

    [Theory]
    [InlineData(InteractionStatus.None)]
    [InlineData(InteractionStatus.Scheduled)]
    [InlineData(InteractionStatus.Connected)]
    [InlineData(InteractionStatus.WrapUp)]
    [InlineData(InteractionStatus.Completed)]
    [InlineData(InteractionStatus.Abandoned)]
    [InlineData(InteractionStatus.Overflowed)]
    [InlineData(InteractionStatus.Rejected)]
    public void Abandon_NeitherWaitingNorRinging_Refused(InteractionStatus status)
    {
        _state.Status = status;

        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition,
            $"interaction 'i-1' is {status}: only waiting or ringing work is abandoned", Case.Abandon);
    }

    [Fact]
    public void AlreadyDoneBy_TheSameAgentPastTheCommand_IsTrue()
    {
        _state.Status = InteractionStatus.WrapUp;
        _state.AgentId = "ann";

        Assert.True(Case.AlreadyDoneBy("ann", InteractionStatus.WrapUp, InteractionStatus.Completed));
        Assert.False(Case.AlreadyDoneBy("bob", InteractionStatus.WrapUp));
        Assert.False(Case.AlreadyDoneBy("ann", InteractionStatus.Completed));
    }
}
