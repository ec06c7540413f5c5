using Routing.Core.Lifecycle;
using Xunit;
using static Routing.Core.Lifecycle.InteractionEffects;
using static Routing.Core.Tests.TestData;

namespace Routing.Core.Tests.Lifecycle;

public sealed class InteractionCaseLegTests
{
    private static readonly DateTimeOffset Connected = Now.AddMinutes(-3);
    private static readonly TimeSpan WrapUp = TimeSpan.FromSeconds(60);

    private readonly CaseState _state = new() { Status = InteractionStatus.Connected, AgentId = "ann" };

    private InteractionCase Case => new(_state, "acme", "i-1");

    public InteractionCaseLegTests() =>
        _state.Legs.Add(new InteractionLeg { AgentId = "ann", QueueId = "sales", ConnectedAt = Connected });

    [Fact]
    public void StartLeg_AddsTheAgentsPart_AndTellsTheCustomer()
    {
        var result = Case.StartLeg("bob", "support", TimeSpan.FromSeconds(90), Now);

        Assert.Equal(new InteractionLeg { AgentId = "bob", QueueId = "support", ConnectedAt = Now, MaxWrapUpExtension = TimeSpan.FromSeconds(90) }, _state.Legs[^1]);
        Assert.Equal(CustomerServed, result.Effects);
        Assert.Equal("bob", result.Agent);
    }

    [Fact]
    public void EndLegByTransfer_WithWrapUpTime_TheLegWrapsUpAlone()
    {
        var result = Case.EndLegByTransfer("ann", WrapUp, Now);

        var leg = Assert.Single(_state.Legs);
        Assert.Equal((Now, true, (DateTimeOffset?)(Now + WrapUp), (DateTimeOffset?)null), (leg.EndedAt!.Value, leg.Transferred, leg.WrapUpDeadline, leg.CompletedAt));
        Assert.Equal(InteractionStatus.Connected, _state.Status);
        Assert.Equal(RearmTimer, result.Effects);
        Assert.Equal(Now + WrapUp, result.WrapUpDeadline);
        Assert.Same(leg, Case.TransferredLegOf("ann"));
    }

    [Fact]
    public void EndLegByTransfer_WithoutWrapUpTime_FinishesTheLegAndReportsIt()
    {
        var result = Case.EndLegByTransfer("ann", TimeSpan.Zero, Now);

        var leg = Assert.Single(_state.Legs);
        Assert.Equal(Now, leg.CompletedAt);
        Assert.Equal(RearmTimer | ReportHandleTime, result.Effects);
        Assert.Equal(new LegHandleTime("sales", Now - Connected, TimeSpan.Zero), result.HandleTime);
        Assert.Null(result.WrapUpDeadline);
        Assert.Null(Case.TransferredLegOf("ann"));
    }

    [Fact]
    public void CompleteTransferredLeg_FreesItsAgent_InteractionUnchanged()
    {
        Case.EndLegByTransfer("ann", WrapUp, Now);
        _state.Status = InteractionStatus.Queued;
        _state.AgentId = null;
        var leg = Case.TransferredLegOf("ann")!;
        var at = Now.AddSeconds(10);

        var result = Case.CompleteTransferredLeg(leg, new Disposition("transferred"), at);

        var done = Assert.Single(_state.Legs);
        Assert.Equal((at, (DateTimeOffset?)null, new Disposition("transferred")), (done.CompletedAt!.Value, done.WrapUpDeadline, done.Disposition));
        Assert.Equal(InteractionStatus.Queued, _state.Status);
        Assert.Equal(RearmTimer | FinishAgent | ReportHandleTime | Write, result.Effects);
        Assert.Equal(("ann", new LegHandleTime("sales", Now - Connected, TimeSpan.FromSeconds(10))), (result.Agent, result.HandleTime));
        Assert.Empty(result.Notes);
    }

    [Fact]
    public void CompleteTransferredLeg_NotATransferredLegInWrapUp_Refused()
    {
        var current = _state.Legs[0];

        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, "agent 'ann' has no transferred part of interaction 'i-1' in wrap-up",
            () => Case.CompleteTransferredLeg(current, null, Now));
    }

    [Fact]
    public void TransferredLegsDue_OnlyThoseAtTheirDeadline()
    {
        Case.EndLegByTransfer("ann", WrapUp, Now);

        Assert.Empty(Case.TransferredLegsDue(Now));
        Assert.Equal(["ann"], Case.TransferredLegsDue(Now + WrapUp).Select(l => l.AgentId));
    }

    [Theory]
    [InlineData(InteractionStatus.Offered, 20)]
    [InlineData(InteractionStatus.WrapUp, 60)]
    [InlineData(InteractionStatus.Queued, 300)]
    [InlineData(InteractionStatus.Connected, null)]
    [InlineData(InteractionStatus.Completed, null)]
    public void NextDeadline_IsTheOneItsStatusWatches(InteractionStatus status, int? seconds)
    {
        _state.Status = status;
        _state.OfferDeadline = Now.AddSeconds(20);
        _state.WrapUpDeadline = Now.AddSeconds(60);
        _state.WaitDeadline = Now.AddSeconds(300);

        Assert.Equal(seconds is { } s ? Now.AddSeconds(s) : null, Case.NextDeadline(reassertAt: null));
    }

    [Fact]
    public void NextDeadline_TheNearestOfWatchdogConsultAndTransferredLegs()
    {
        _state.Status = InteractionStatus.Queued;
        _state.WaitDeadline = Now.AddSeconds(300);
        Assert.Equal(Now.AddSeconds(30), Case.NextDeadline(Now.AddSeconds(30)));

        _state.Transfer = new PendingTransfer { FromAgentId = "ann", QueueId = "support", Consult = true, Deadline = Now.AddSeconds(10) };
        Assert.Equal(Now.AddSeconds(10), Case.NextDeadline(Now.AddSeconds(30)));

        _state.Status = InteractionStatus.Connected;
        Case.EndLegByTransfer("ann", TimeSpan.FromSeconds(5), Now);
        Assert.Equal(Now.AddSeconds(5), Case.NextDeadline(Now.AddSeconds(1)));
    }
}
