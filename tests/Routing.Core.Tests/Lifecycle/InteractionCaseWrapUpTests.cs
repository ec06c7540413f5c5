using Routing.Core.Lifecycle;
using Xunit;
using static Routing.Core.Lifecycle.InteractionEffects;
using static Routing.Core.Tests.TestData;

namespace Routing.Core.Tests.Lifecycle;

public sealed class InteractionCaseWrapUpTests
{
    private static readonly DateTimeOffset Connected = Now.AddMinutes(-3);
    private static readonly TimeSpan WrapUp = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MaxExtension = TimeSpan.FromSeconds(120);
    private static readonly Disposition Sold = new("sold");

    private readonly CaseState _state = new() { Status = InteractionStatus.Connected, AgentId = "ann" };

    private InteractionCase Case => new(_state, "acme", "i-1");

    public InteractionCaseWrapUpTests() =>
        _state.Legs.Add(new InteractionLeg { AgentId = "ann", QueueId = "sales", ConnectedAt = Connected, MaxWrapUpExtension = MaxExtension });

    private InteractionLeg Leg => Assert.Single(_state.Legs);

    private void WrappingUp()
    {
        _state.Status = InteractionStatus.WrapUp;
        _state.WrapUpDeadline = Now + WrapUp;
        _state.Legs[0] = _state.Legs[0] with { EndedAt = Now, WrapUpDeadline = Now + WrapUp };
    }

    [Fact]
    public void EndConversation_WithWrapUpTime_WrapsUpUntilItsDeadline()
    {
        var result = Case.EndConversation("agent ended", WrapUp, Now);

        Assert.Equal((InteractionStatus.WrapUp, "ann", (DateTimeOffset?)(Now + WrapUp)), (_state.Status, _state.AgentId, _state.WrapUpDeadline));
        Assert.Equal((Now, Now + WrapUp), (Leg.EndedAt, Leg.WrapUpDeadline));
        Assert.Equal(BeginWrapUp | RearmTimer | Write, result.Effects);
        Assert.Equal(("ann", (DateTimeOffset?)(Now + WrapUp)), (result.Agent, result.WrapUpDeadline));
        Assert.Equal([new InteractionNote(InteractionEventKind.Ended, InteractionStatus.WrapUp, "ann", "agent ended")], result.Notes);
    }

    [Fact]
    public void EndConversation_WithoutWrapUpTime_CompletesAtOnce()
    {
        var result = Case.EndConversation("customer hung up", TimeSpan.Zero, Now);

        Assert.Equal(InteractionStatus.Completed, _state.Status);
        Assert.Equal((Now, Now), (Leg.EndedAt, Leg.CompletedAt));
        Assert.Equal(RearmTimer | FinishAgent | ReportHandleTime | Write, result.Effects);
        Assert.Equal(new LegHandleTime("sales", Now - Connected, TimeSpan.Zero), result.HandleTime);
        Assert.Equal(
            [
                new InteractionNote(InteractionEventKind.Ended, InteractionStatus.WrapUp, "ann", "customer hung up"),
                new InteractionNote(InteractionEventKind.Completed, InteractionStatus.Completed, "ann", null),
            ],
            result.Notes);
    }

    [Theory]
    [InlineData(InteractionStatus.Queued)]
    [InlineData(InteractionStatus.Offered)]
    [InlineData(InteractionStatus.WrapUp)]
    [InlineData(InteractionStatus.Completed)]
    public void EndTalk_NotInAConversation_Refused(InteractionStatus status)
    {
        _state.Status = status;

        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, $"interaction 'i-1' is not in a conversation: it is {status} with agent 'ann'",
            () => Case.EndTalk("agent ended", Now));
        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, $"interaction 'i-1' is not in a conversation: it is {status} with agent 'ann'",
            () => Case.EndConversation("agent ended", WrapUp, Now));
    }

    [Fact]
    public void Complete_InWrapUp_CompletesTheInteractionAndItsLeg()
    {
        WrappingUp();
        var at = Now.AddSeconds(20);

        var result = Case.Complete(Sold, at);

        Assert.Equal((InteractionStatus.Completed, (DateTimeOffset?)null, Sold), (_state.Status, _state.WrapUpDeadline, _state.Disposition));
        Assert.Equal((at, (DateTimeOffset?)null, Sold), (Leg.CompletedAt, Leg.WrapUpDeadline, Leg.Disposition));
        Assert.Equal(RearmTimer | FinishAgent | ReportHandleTime | Write, result.Effects);
        Assert.Equal(new LegHandleTime("sales", Now - Connected, TimeSpan.FromSeconds(20)), result.HandleTime);
        Assert.Equal([new InteractionNote(InteractionEventKind.Completed, InteractionStatus.Completed, "ann", "sold")], result.Notes);
    }

    [Fact]
    public void EndTalkThenComplete_WhileConnected_NotesBothSteps()
    {
        var result = Case.EndTalk("agent ended", Now).Then(Case.Complete(Sold, Now));

        Assert.Equal(InteractionStatus.Completed, _state.Status);
        Assert.Equal([InteractionStatus.WrapUp, InteractionStatus.Completed], result.Notes.Select(n => n.Status));
    }

    [Theory]
    [InlineData(InteractionStatus.Queued)]
    [InlineData(InteractionStatus.Offered)]
    [InlineData(InteractionStatus.Connected)]
    [InlineData(InteractionStatus.Completed)]
    [InlineData(InteractionStatus.Abandoned)]
    public void Complete_NotInWrapUp_Refused(InteractionStatus status)
    {
        _state.Status = status;

        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, $"interaction 'i-1' is not in wrap-up: it is {status} with agent 'ann'",
            () => Case.Complete(Sold, Now));
    }

    [Fact]
    public void WrapUpElapsed_OnlyAtItsDeadline()
    {
        WrappingUp();

        Assert.False(Case.WrapUpElapsed(Now));
        Assert.True(Case.WrapUpElapsed(Now + WrapUp));
    }

    [Fact]
    public void ExtendWrapUp_WithinTheMax_MovesBothDeadlines()
    {
        WrappingUp();

        var result = Case.ExtendWrapUp("ann", TimeSpan.FromSeconds(45), TimeSpan.Zero);

        var until = Now + WrapUp + TimeSpan.FromSeconds(45);
        Assert.Equal((until, until, TimeSpan.FromSeconds(45)), (_state.WrapUpDeadline!.Value, Leg.WrapUpDeadline!.Value, Leg.WrapUpExtended));
        Assert.Equal(RearmTimer | Write, result.Effects);
        Assert.Equal(until, result.WrapUpDeadline);
        Assert.Empty(result.Notes);
    }

    [Fact]
    public void ExtendWrapUp_BeyondTheMax_Refused()
    {
        WrappingUp();
        _state.Legs[0] = Leg with { WrapUpExtended = TimeSpan.FromSeconds(100) };

        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition,
            "wrap-up of interaction 'i-1' can be extended by at most 120 s in all; 100 s already granted, 30 s more asked",
            () => Case.ExtendWrapUp("ann", TimeSpan.FromSeconds(30), TimeSpan.Zero));
    }

    [Fact]
    public void ExtendWrapUp_WithoutLegs_UsesTheTermsMax()
    {
        WrappingUp();
        _state.Legs.Clear();

        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition,
            "wrap-up of interaction 'i-1' can be extended by at most 30 s in all; 0 s already granted, 31 s more asked",
            () => Case.ExtendWrapUp("ann", TimeSpan.FromSeconds(31), TimeSpan.FromSeconds(30)));
        Assert.True(Case.ExtendWrapUp("ann", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)).Accepted);
        Assert.Equal(Now + WrapUp + TimeSpan.FromSeconds(30), _state.WrapUpDeadline);
    }

    [Fact]
    public void ExtendWrapUp_NotWrappingUp_Refused() =>
        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition,
            "agent 'ann' is not wrapping up interaction 'i-1': it is Connected with agent 'ann'",
            () => Case.ExtendWrapUp("ann", TimeSpan.FromSeconds(30), MaxExtension));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(24 * 3600 + 1)]
    public void ExtendWrapUp_OutOfRange_RefusedAsInvalid(int seconds)
    {
        WrappingUp();

        _state.AssertRefusedUnchanged(InteractionRefusalKind.InvalidArgument, "the wrap-up extension must be more than 0 and at most 24 hours",
            () => Case.ExtendWrapUp("ann", TimeSpan.FromSeconds(seconds), MaxExtension));
    }

    [Fact]
    public void ExtendWrapUp_NotCreated_NotFound()
    {
        _state.Status = InteractionStatus.None;
        _state.AgentId = null;

        _state.AssertRefusedUnchanged(InteractionRefusalKind.NotFound, "interaction 'i-1' does not exist in tenant 'acme'",
            () => Case.ExtendWrapUp("ann", TimeSpan.FromSeconds(30), MaxExtension));
    }
}
