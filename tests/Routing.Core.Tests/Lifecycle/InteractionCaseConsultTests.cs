using Routing.Core.Lifecycle;
using Xunit;
using static Routing.Core.Lifecycle.InteractionEffects;
using static Routing.Core.Tests.TestData;

namespace Routing.Core.Tests.Lifecycle;

public sealed class InteractionCaseConsultTests
{
    private static readonly DateTimeOffset Connected = Now.AddMinutes(-3);
    private static readonly TimeSpan WrapUp = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Deadline = Now + Timeout;
    private const string NoConsult = "interaction 'i-1' has no consult in progress: it is Connected with agent 'ann'";

    private readonly CaseState _state = new() { Status = InteractionStatus.Connected, AgentId = "ann", OfferAttempts = 1 };

    private InteractionCase Case => new(_state, "acme", "i-1");

    public InteractionCaseConsultTests()
    {
        _state.Legs.Add(new InteractionLeg { AgentId = "ann", QueueId = "sales", ConnectedAt = Connected });
        _state.Terms = Terms("ann", "sales");
    }

    private static OfferRequest Terms(string agentId, string queueId) => new()
    {
        AgentId = agentId,
        QueueId = queueId,
        OfferTimeout = Timeout,
        ReofferDelay = TimeSpan.FromSeconds(10),
        WrapUpTime = WrapUp,
        MaxWrapUpExtension = TimeSpan.FromSeconds(90),
    };

    private static PendingTransfer ToSupport => new() { FromAgentId = "ann", QueueId = "support", Consult = true, Deadline = Deadline };

    private static PendingTransfer ToBob => new() { FromAgentId = "ann", AgentId = "bob", Consult = true, Deadline = Deadline };

    [Fact]
    public void ConsultQueue_ThePendingConsultWaitsForAnOffer()
    {
        var result = Case.ConsultQueue("ann", "support", Timeout, Now);

        Assert.Equal(ToSupport, _state.Transfer);
        Assert.Equal((InteractionStatus.Connected, "ann"), (_state.Status, _state.AgentId));
        Assert.Equal(RearmTimer, result.Effects);
        Assert.Equal(ToSupport, result.Transfer);
        Assert.Equal([new InteractionNote(InteractionEventKind.ConsultStarted, InteractionStatus.Connected, "ann", "to queue 'support'")], result.Notes);
        Assert.Equal(Deadline, Case.NextDeadline(reassertAt: null));
        Assert.Equal(ToSupport, Case.ConsultWaitingIn("support"));
        Assert.Null(Case.ConsultWaitingIn("sales"));
    }

    [Fact]
    public void ConsultAgent_ThePendingConsultNamesTheTarget()
    {
        var result = Case.ConsultAgent("ann", "bob", Timeout, Now);

        Assert.Equal(ToBob, _state.Transfer);
        Assert.Equal(RearmTimer, result.Effects);
        Assert.Equal([new InteractionNote(InteractionEventKind.ConsultStarted, InteractionStatus.Connected, "ann", "to agent 'bob'")], result.Notes);
        Assert.Null(Case.ConsultWaitingIn("sales"));
    }

    [Fact]
    public void StartConsult_ByAnotherAgent_Refused()
    {
        var message = "agent 'bob' cannot transfer interaction 'i-1': it is Connected with agent 'ann'";

        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, message, () => Case.ConsultQueue("bob", "support", Timeout, Now));
        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, message, () => Case.ConsultAgent("bob", "cy", Timeout, Now));
    }

    [Theory]
    [InlineData(InteractionStatus.Queued)]
    [InlineData(InteractionStatus.Offered)]
    [InlineData(InteractionStatus.WrapUp)]
    public void StartConsult_NotConnected_Refused(InteractionStatus status)
    {
        _state.Status = status;
        var message = $"agent 'ann' cannot transfer interaction 'i-1': it is {status} with agent 'ann'";

        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, message, () => Case.ConsultQueue("ann", "support", Timeout, Now));
        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, message, () => Case.ConsultAgent("ann", "bob", Timeout, Now));
    }

    [Fact]
    public void StartConsult_WithATransferUnderWay_Refused()
    {
        _state.Transfer = ToSupport;
        var message = "interaction 'i-1' already has a consult with queue 'support' in progress; cancel it first";

        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, message, () => Case.ConsultQueue("ann", "billing", Timeout, Now));
        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, message, () => Case.ConsultAgent("ann", "bob", Timeout, Now));
    }

    [Fact]
    public void OfferConsult_FromTheConsultedQueue_RingsAtTheTarget()
    {
        _state.Transfer = ToSupport;
        var terms = Terms("bob", "support");

        var result = Case.OfferConsult(terms);

        var offered = ToSupport with { OfferedToAgentId = "bob", OfferTerms = terms };
        Assert.Equal(offered, _state.Transfer);
        Assert.Equal((InteractionStatus.Connected, "ann", 1), (_state.Status, _state.AgentId, _state.OfferAttempts));
        Assert.Equal(RearmTimer | Write, result.Effects);
        Assert.Equal(("bob", offered), (result.Agent, result.Transfer));
        Assert.Equal([new InteractionNote(InteractionEventKind.Offered, InteractionStatus.Connected, "bob", "consult from agent 'ann'")], result.Notes);
        Assert.Null(Case.ConsultWaitingIn("support"));
        Assert.Equal(offered, Case.ConsultTo("support"));
        Assert.Equal(offered, Case.ConsultOfferedTo("bob"));
        Assert.Null(Case.ConsultOfferedTo("ann"));
    }

    [Fact]
    public void OfferConsult_ToTheNamedAgent_RingsThere()
    {
        _state.Transfer = ToBob;

        var result = Case.OfferConsult(Terms("bob", "sales"));

        Assert.Equal("bob", _state.Transfer.OfferedToAgentId);
        Assert.Equal(RearmTimer | Write, result.Effects);
        Assert.Equal(_state.Transfer, Case.ConsultOfferedTo("bob"));
    }

    public static TheoryData<string, string, string> ConsultOffersRefused => new()
    {
        // (the consult, the offer's agent, the offer's queue)
        { "support", "ann", "support" },
        { "support", "bob", "billing" },
        { "bob", "cy", "sales" },
        { "bob", "ann", "sales" },
    };

    [Theory]
    [MemberData(nameof(ConsultOffersRefused))]
    public void OfferConsult_ToTheFirstAgentOrAnotherTarget_Refused(string target, string agentId, string queueId)
    {
        _state.Transfer = target == "support" ? ToSupport : ToBob;

        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition,
            $"interaction 'i-1' has no consult waiting for an offer to agent '{agentId}': it is Connected with agent 'ann'",
            () => Case.OfferConsult(Terms(agentId, queueId)));
    }

    [Fact]
    public void OfferConsult_AlreadyRinging_Refused()
    {
        _state.Transfer = ToSupport;
        Case.OfferConsult(Terms("bob", "support"));

        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition,
            "interaction 'i-1' has no consult waiting for an offer to agent 'cy': it is Connected with agent 'ann'",
            () => Case.OfferConsult(Terms("cy", "support")));
    }

    [Fact]
    public void OfferConsult_WithoutAConsultOrNotConnected_Refused()
    {
        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition,
            "interaction 'i-1' has no consult waiting for an offer to agent 'bob': it is Connected with agent 'ann'",
            () => Case.OfferConsult(Terms("bob", "support")));

        _state.Transfer = ToSupport;
        _state.Status = InteractionStatus.WrapUp;
        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition,
            "interaction 'i-1' has no consult waiting for an offer to agent 'bob': it is WrapUp with agent 'ann'",
            () => Case.OfferConsult(Terms("bob", "support")));
        Assert.Null(Case.ConsultWaitingIn("support"));
    }

    [Fact]
    public void BlindTransferPending_IsNoConsult()
    {
        _state.Status = InteractionStatus.Offered;
        _state.Transfer = new PendingTransfer { FromAgentId = "ann", AgentId = "bob", FallbackQueueId = "support", Deadline = Deadline };

        Assert.False(Case.ConsultRanOut(Deadline));
        Assert.Null(Case.ConsultOfferedTo("bob"));
        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, "interaction 'i-1' has no consult in progress: it is Offered with agent 'ann'",
            () => Case.CancelConsult("gone"));
    }

    [Fact]
    public void AcceptConsult_FromAQueue_TheTargetTakesOverOnTheOffersTerms()
    {
        var terms = Terms("bob", "support");
        _state.Transfer = ToSupport with { OfferedToAgentId = "bob", OfferTerms = terms };

        var result = Case.AcceptConsult("bob", WrapUp, Now);

        Assert.Equal((InteractionStatus.Connected, "bob", "support"), (_state.Status, _state.AgentId, _state.QueueId));
        Assert.Equal((null, terms), (_state.Transfer, _state.Terms));
        Assert.Equal((true, (DateTimeOffset?)(Now + WrapUp)), (_state.Legs[0].Transferred, _state.Legs[0].WrapUpDeadline));
        Assert.Equal(new InteractionLeg { AgentId = "bob", QueueId = "support", ConnectedAt = Now, MaxWrapUpExtension = TimeSpan.FromSeconds(90) }, _state.Legs[1]);
        Assert.Equal(RearmTimer | CustomerServed | RemoveAnswered | Write, result.Effects);
        Assert.Equal(("bob", (DateTimeOffset?)(Now + WrapUp), "ann"), (result.Agent, result.WrapUpDeadline, result.Transfer!.FromAgentId));
        Assert.Equal(
            [
                new InteractionNote(InteractionEventKind.Transferred, InteractionStatus.Connected, "ann", "consult with agent 'bob' accepted"),
                new InteractionNote(InteractionEventKind.Connected, InteractionStatus.Connected, "bob", null),
            ],
            result.Notes);
        // The consult's deadline is no longer watched; the first agent's wrap-up is.
        Assert.Equal(Now + WrapUp, Case.NextDeadline(reassertAt: null));
    }

    [Fact]
    public void AcceptConsult_ANamedAgent_KeepsTheQueueAndTellsNoQueue()
    {
        _state.Transfer = ToBob with { OfferedToAgentId = "bob", OfferTerms = Terms("bob", "sales") };

        var result = Case.AcceptConsult("bob", WrapUp, Now);

        Assert.Null(_state.QueueId);
        Assert.Equal("sales", _state.Legs[1].QueueId);
        Assert.False(result.Has(RemoveAnswered));
        Assert.Equal(RearmTimer | CustomerServed | Write, result.Effects);
    }

    [Fact]
    public void AcceptConsult_NotRingingAtThatAgent_Refused()
    {
        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, "agent 'bob' holds no consult offer of interaction 'i-1'",
            () => Case.AcceptConsult("bob", WrapUp, Now));

        _state.Transfer = ToSupport;
        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, "agent 'bob' holds no consult offer of interaction 'i-1'",
            () => Case.AcceptConsult("bob", WrapUp, Now));

        _state.Transfer = ToSupport with { OfferedToAgentId = "cy", OfferTerms = Terms("cy", "support") };
        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, "agent 'bob' holds no consult offer of interaction 'i-1'",
            () => Case.AcceptConsult("bob", WrapUp, Now));
    }

    [Fact]
    public void FailConsult_WaitingInAQueue_LeavesThatQueueAsMoved()
    {
        _state.Transfer = ToSupport;

        var result = Case.FailConsult("queue 'support' was removed");

        Assert.Null(_state.Transfer);
        Assert.Equal((InteractionStatus.Connected, "ann"), (_state.Status, _state.AgentId));
        Assert.Equal(RearmTimer | RemoveMoved, result.Effects);
        Assert.Equal(("support", (string?)null, ToSupport), (result.LeftQueue, result.Agent, result.Transfer));
        Assert.Equal([new InteractionNote(InteractionEventKind.ConsultFailed, InteractionStatus.Connected, null, "queue 'support' was removed")], result.Notes);
        Assert.Null(Case.NextDeadline(reassertAt: null));
    }

    [Fact]
    public void FailConsult_Ringing_ReleasesTheTargetsOffer()
    {
        _state.Transfer = ToSupport with { OfferedToAgentId = "bob", OfferTerms = Terms("bob", "support") };

        var result = Case.FailConsult("agent 'bob' rejected");

        Assert.Null(_state.Transfer);
        Assert.Equal(RearmTimer | ReleaseOffer | RemoveMoved, result.Effects);
        Assert.Equal(("bob", "support"), (result.Agent, result.LeftQueue));
        Assert.Equal([new InteractionNote(InteractionEventKind.ConsultFailed, InteractionStatus.Connected, "bob", "agent 'bob' rejected")], result.Notes);
    }

    [Fact]
    public void FailConsult_ANamedAgentNotReserved_TellsNoQueue()
    {
        _state.Transfer = ToBob;

        var result = Case.FailConsult("agent 'bob' cannot take it now");

        Assert.Equal(RearmTimer, result.Effects);
        Assert.Equal([new InteractionNote(InteractionEventKind.ConsultFailed, InteractionStatus.Connected, "bob", "agent 'bob' cannot take it now")], result.Notes);
    }

    [Fact]
    public void CancelConsult_TakesTheOfferBack()
    {
        _state.Transfer = ToBob with { OfferedToAgentId = "bob", OfferTerms = Terms("bob", "sales") };

        var result = Case.CancelConsult("cancelled by agent 'ann'");

        Assert.Null(_state.Transfer);
        Assert.Equal(RearmTimer | ReleaseOffer, result.Effects);
        Assert.Equal("bob", result.Agent);
        Assert.Equal([new InteractionNote(InteractionEventKind.ConsultCancelled, InteractionStatus.Connected, "bob", "cancelled by agent 'ann'")], result.Notes);
    }

    [Fact]
    public void EndConsult_WithoutAConsult_Refused()
    {
        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, NoConsult, () => Case.FailConsult("gone"));
        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, NoConsult, () => Case.CancelConsult("gone"));
        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, NoConsult, () => Case.TimeOutConsult(Deadline));
    }

    [Fact]
    public void TimeOutConsult_OnlyOnceItsDeadlineCame()
    {
        _state.Transfer = ToSupport;

        Assert.False(Case.ConsultRanOut(Deadline.AddTicks(-1)));
        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, NoConsult, () => Case.TimeOutConsult(Deadline.AddTicks(-1)));
        Assert.True(Case.ConsultRanOut(Deadline));

        var result = Case.TimeOutConsult(Deadline);

        Assert.Null(_state.Transfer);
        Assert.Equal(RearmTimer | RemoveMoved, result.Effects);
        Assert.Equal([new InteractionNote(InteractionEventKind.ConsultFailed, InteractionStatus.Connected, null, "queue 'support' did not accept in time")], result.Notes);
    }
}
