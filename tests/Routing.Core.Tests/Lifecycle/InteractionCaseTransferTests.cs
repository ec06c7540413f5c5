using Routing.Core.Lifecycle;
using Xunit;
using static Routing.Core.Lifecycle.InteractionEffects;
using static Routing.Core.Tests.TestData;

namespace Routing.Core.Tests.Lifecycle;

public sealed class InteractionCaseTransferTests
{
    private static readonly DateTimeOffset Connected = Now.AddMinutes(-3);
    private static readonly TimeSpan WrapUp = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Ring = TimeSpan.FromSeconds(30);
    private static readonly OfferRequest BobsTerms = new()
    {
        AgentId = "bob",
        QueueId = "sales",
        OfferTimeout = Ring,
        ReofferDelay = TimeSpan.FromSeconds(10),
        WrapUpTime = WrapUp,
    };

    private readonly CaseState _state = new() { Status = InteractionStatus.Connected, AgentId = "ann", OfferAttempts = 1 };

    private InteractionCase Case => new(_state, "acme", "i-1");

    public InteractionCaseTransferTests() =>
        _state.Legs.Add(new InteractionLeg { AgentId = "ann", QueueId = "sales", ConnectedAt = Connected });

    private InteractionLeg AnnsLeg => _state.Legs[0];

    [Fact]
    public void RefuseTransfer_ByTheConnectedAgent_None() => Assert.Null(Case.RefuseTransfer("ann"));

    [Fact]
    public void RefuseTransfer_ByAnotherAgent_Refused() =>
        Assert.Equal(new InteractionRefusal(InteractionRefusalKind.FailedPrecondition, "agent 'bob' cannot transfer interaction 'i-1': it is Connected with agent 'ann'"),
            Case.RefuseTransfer("bob"));

    [Fact]
    public void RefuseTransfer_WithATransferUnderWay_Refused()
    {
        _state.Transfer = new PendingTransfer { FromAgentId = "ann", QueueId = "support", Consult = true, Deadline = Now.AddSeconds(30) };

        Assert.Equal(new InteractionRefusal(InteractionRefusalKind.FailedPrecondition, "interaction 'i-1' already has a consult with queue 'support' in progress; cancel it first"),
            Case.RefuseTransfer("ann"));
    }

    [Fact]
    public void RefuseConsultCancel_OnlyWithAConsultUnderWay()
    {
        Assert.Equal(new InteractionRefusal(InteractionRefusalKind.FailedPrecondition, "agent 'ann' has no consult in progress for interaction 'i-1'"),
            Case.RefuseConsultCancel("ann"));

        _state.Transfer = new PendingTransfer { FromAgentId = "ann", QueueId = "support", Consult = true, Deadline = Now.AddSeconds(30) };
        Assert.Null(Case.RefuseConsultCancel("ann"));
        Assert.Equal("agent 'bob' cannot cancel a consult of interaction 'i-1': it is Connected with agent 'ann'", Case.RefuseConsultCancel("bob")!.Message);
    }

    [Fact]
    public void TransferToQueue_EndsTheLegAndWaitsInTheTargetQueue()
    {
        var result = Case.TransferToQueue("ann", "support", WrapUp, Now);

        Assert.Equal((InteractionStatus.Queued, (string?)null, "support", "ann"), (_state.Status, _state.AgentId, _state.QueueId, _state.TransferredFromAgentId));
        Assert.Equal((true, (DateTimeOffset?)(Now + WrapUp)), (AnnsLeg.Transferred, AnnsLeg.WrapUpDeadline));
        Assert.Equal(RearmTimer | StartWatchdog, result.Effects);
        Assert.Equal(("ann", (DateTimeOffset?)(Now + WrapUp)), (result.Agent, result.WrapUpDeadline));
        Assert.Equal([new InteractionNote(InteractionEventKind.Transferred, InteractionStatus.Queued, "ann", "to queue 'support'")], result.Notes);
    }

    [Fact]
    public void TransferToAgent_Reserved_RingsAtThatAgentAlone()
    {
        var result = Case.TransferToAgent("ann", "bob", BobsTerms, "sales", TimeSpan.Zero, Now);

        Assert.Equal((InteractionStatus.Offered, "bob", 2, (DateTimeOffset?)(Now + Ring)), (_state.Status, _state.AgentId, _state.OfferAttempts, _state.OfferDeadline));
        Assert.Equal(Now, AnnsLeg.CompletedAt);
        Assert.Equal(RearmTimer | ReportHandleTime, result.Effects);
        Assert.Equal(new LegHandleTime("sales", Now - Connected, TimeSpan.Zero), result.HandleTime);
        Assert.Equal(
            [
                new InteractionNote(InteractionEventKind.Transferred, InteractionStatus.Offered, "ann", "to agent 'bob'"),
                new InteractionNote(InteractionEventKind.Offered, InteractionStatus.Offered, "bob", "transfer from agent 'ann'"),
            ],
            result.Notes);
    }

    [Fact]
    public void TransferToAgent_NotReserved_WaitsToFallBack()
    {
        var result = Case.TransferToAgent("ann", "bob", reserved: null, "sales", WrapUp, Now);

        Assert.Equal((InteractionStatus.Queued, (string?)null, 1), (_state.Status, _state.AgentId, _state.OfferAttempts));
        Assert.Equal([new InteractionNote(InteractionEventKind.Transferred, InteractionStatus.Queued, "ann", "to agent 'bob'")], result.Notes);

        var fellBack = Case.FallBack("support", "agent 'bob' cannot take it now");

        Assert.Equal("support", _state.QueueId);
        Assert.Equal(StartWatchdog, fellBack.Effects);
        Assert.Equal([new InteractionNote(InteractionEventKind.Queued, InteractionStatus.Queued, null, "agent 'bob' cannot take it now: to queue 'support'")], fellBack.Notes);
    }

    [Theory]
    [InlineData(InteractionStatus.Queued)]
    [InlineData(InteractionStatus.Offered)]
    [InlineData(InteractionStatus.WrapUp)]
    public void Transfers_NotConnected_Refused(InteractionStatus status)
    {
        _state.Status = status;
        var message = $"interaction 'i-1' is not in a conversation: it is {status} with agent 'ann'";

        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, message, () => Case.TransferToQueue("ann", "support", WrapUp, Now));
        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, message, () => Case.TransferToAgent("ann", "bob", BobsTerms, "sales", WrapUp, Now));
        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, message,
            () => Case.ConnectConsultTarget("ann", "bob", null, "sales", WrapUp, TimeSpan.Zero, Now));
    }

    [Fact]
    public void FallBack_NotWaiting_Refused() =>
        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, "interaction 'i-1' is Connected: only waiting work falls back to a queue",
            () => Case.FallBack("support", "gone"));

    [Fact]
    public void ConnectConsultTarget_FromAQueue_TheTargetTakesOverOnANewLeg()
    {
        var result = Case.ConnectConsultTarget("ann", "bob", "support", "sales", WrapUp, TimeSpan.FromSeconds(90), Now);

        Assert.Equal((InteractionStatus.Connected, "bob", "support"), (_state.Status, _state.AgentId, _state.QueueId));
        Assert.Equal((true, (DateTimeOffset?)(Now + WrapUp)), (AnnsLeg.Transferred, AnnsLeg.WrapUpDeadline));
        Assert.Equal(new InteractionLeg { AgentId = "bob", QueueId = "support", ConnectedAt = Now, MaxWrapUpExtension = TimeSpan.FromSeconds(90) }, _state.Legs[1]);
        Assert.Equal(RearmTimer | CustomerServed | Write, result.Effects);
        Assert.Equal(("bob", (DateTimeOffset?)(Now + WrapUp)), (result.Agent, result.WrapUpDeadline));
        Assert.Equal(
            [
                new InteractionNote(InteractionEventKind.Transferred, InteractionStatus.Connected, "ann", "consult with agent 'bob' accepted"),
                new InteractionNote(InteractionEventKind.Connected, InteractionStatus.Connected, "bob", null),
            ],
            result.Notes);
    }

    [Fact]
    public void ConnectConsultTarget_ANamedAgent_KeepsTheQueue()
    {
        Case.ConnectConsultTarget("ann", "bob", null, "sales", WrapUp, TimeSpan.Zero, Now);

        Assert.Null(_state.QueueId);
        Assert.Equal("sales", _state.Legs[1].QueueId);
    }

    private static PendingTransfer ToBob => new() { FromAgentId = "ann", AgentId = "bob", FallbackQueueId = "support", Deadline = Now + Ring };

    [Fact]
    public void TransferToAgent_Reserved_PendsOnTheAgentsTermsUntilItAnswers()
    {
        var result = Case.TransferToAgent("ann", "bob", BobsTerms, "support", WrapUp, Now);

        Assert.Equal((ToBob, BobsTerms), (_state.Transfer, _state.Terms));
        Assert.Equal(ToBob, result.Transfer);
        Assert.Equal("agent 'bob'", _state.Transfer!.Target);
    }

    [Fact]
    public void TransferToAgent_NotReserved_NothingPends()
    {
        var result = Case.TransferToAgent("ann", "bob", reserved: null, "support", WrapUp, Now);

        Assert.Equal((null, null), (_state.Transfer, _state.Terms));
        Assert.Null(result.Transfer);
    }

    [Theory]
    [InlineData(45, 20, 45)]
    [InlineData(null, 20, 20)]
    [InlineData(null, null, 60)]
    public void NamedAgentTerms_TheAgentsOwnWrapUpElseTheQueues(int? agentSeconds, int? queueSeconds, int expectedSeconds)
    {
        _state.Terms = BobsTerms with
        {
            AgentId = "ann",
            QueueWrapUpTime = queueSeconds is { } queue ? TimeSpan.FromSeconds(queue) : null,
            MaxWrapUpExtension = TimeSpan.FromSeconds(90),
        };

        var terms = Case.NamedAgentTerms("cy", TimeSpan.FromSeconds(15), agentSeconds is { } own ? TimeSpan.FromSeconds(own) : null);

        Assert.Equal(
            _state.Terms with { AgentId = "cy", OfferTimeout = TimeSpan.FromSeconds(15), WrapUpTime = TimeSpan.FromSeconds(expectedSeconds) },
            terms);
    }

    public static TheoryData<string> OfferEndings => ["reject", "time out", "withdraw"];

    [Theory]
    [MemberData(nameof(OfferEndings))]
    public void TransferOfferEnds_NoLongerPending_FallsBack(string ending)
    {
        Case.TransferToAgent("ann", "bob", BobsTerms, "support", WrapUp, Now);

        var result = ending switch
        {
            "reject" => Case.RejectOffer("bob", Now, TimeSpan.FromSeconds(10)),
            "time out" => Case.TimeOutOffer(Now + Ring, TimeSpan.FromSeconds(10)),
            _ => Case.WithdrawOffer(Now),
        };

        Assert.Equal((InteractionStatus.Queued, (PendingTransfer?)null), (_state.Status, _state.Transfer));
        Assert.True(result.Has(ReturnToLine));
        Assert.Equal("support", result.Transfer!.FallbackQueueId);
    }

    [Fact]
    public void OfferEnds_WithoutATransfer_ReturnsToItsPlace()
    {
        _state.Status = InteractionStatus.Offered;

        var result = Case.WithdrawOffer(Now);

        Assert.True(result.Has(ReturnToLine));
        Assert.Null(result.Transfer);
    }

    [Fact]
    public void TransferAccepted_NoLongerPendingNorTransferredFrom()
    {
        Case.TransferToAgent("ann", "bob", BobsTerms, "support", WrapUp, Now);

        Case.Accept("bob", "sales", TimeSpan.Zero, Now);

        Assert.Equal((InteractionStatus.Connected, (PendingTransfer?)null, (string?)null), (_state.Status, _state.Transfer, _state.TransferredFromAgentId));
    }

    [Fact]
    public void TransferOfferRingingWhenTheCustomerHangsUp_NoLongerPending()
    {
        Case.TransferToAgent("ann", "bob", BobsTerms, "support", WrapUp, Now);

        Case.RescindOffer();
        Case.Abandon();

        Assert.Equal((InteractionStatus.Abandoned, (PendingTransfer?)null), (_state.Status, _state.Transfer));
    }
}
