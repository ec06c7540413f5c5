using Routing.Core.Lifecycle;
using Xunit;
using static Routing.Core.Lifecycle.InteractionEffects;
using static Routing.Core.Tests.TestData;

namespace Routing.Core.Tests.Lifecycle;

public sealed class InteractionCaseCallbackTests
{
    private static readonly DateTimeOffset Due = Now.AddHours(2);

    private readonly CaseState _state = new() { Status = InteractionStatus.Queued, Arrival = Now };

    private InteractionCase Case => new(_state, "acme", "i-1");

    [Fact]
    public void RequestCallback_WaitingVoiceCaller_BecomesACallbackInPlace()
    {
        var result = Case.RequestCallback("+33123456789");

        Assert.Equal((InteractionStatus.Queued, "+33123456789", Channel.Callback), (_state.Status, _state.CallbackNumber, Case.CurrentChannel));
        Assert.Equal(ChangeToCallback | Write, result.Effects);
        Assert.Equal([new InteractionNote(InteractionEventKind.CallbackRequested, InteractionStatus.Queued, null, "+33123456789")], result.Notes);
    }

    [Fact]
    public void RequestCallback_SameNumberAgain_ChangesNothing()
    {
        Case.RequestCallback("+33123456789");
        var before = _state.Picture();

        var result = Case.RequestCallback("+33123456789");

        Assert.True(result.Accepted);
        Assert.Equal(None, result.Effects);
        Assert.Empty(result.Notes);
        Assert.Equal(before, _state.Picture());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("+33\n1")]
    public void RequestCallback_BadNumber_RefusedAsInvalid(string number) =>
        _state.AssertRefusedUnchanged(InteractionRefusalKind.InvalidArgument, "a callback needs a number of 1–64 printable characters",
            () => Case.RequestCallback(number));

    [Fact]
    public void RequestCallback_NumberTooLong_RefusedAsInvalid() =>
        _state.AssertRefusedUnchanged(InteractionRefusalKind.InvalidArgument, "a callback needs a number of 1–64 printable characters",
            () => Case.RequestCallback(new string('1', InteractionCase.MaxCallbackNumberLength + 1)));

    [Theory]
    [InlineData(InteractionStatus.Offered, Channel.Voice)]
    [InlineData(InteractionStatus.Connected, Channel.Voice)]
    [InlineData(InteractionStatus.Queued, Channel.Chat)]
    public void RequestCallback_NotAWaitingVoiceCaller_Refused(InteractionStatus status, Channel channel)
    {
        _state.Status = status;
        _state.CreatedChannel = channel;

        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition,
            $"only a waiting voice interaction can become a callback; 'i-1' is a {channel} interaction, {status}",
            () => Case.RequestCallback("+33123456789"));
    }

    [Fact]
    public void RequestCallback_NotCreated_NotFound()
    {
        _state.Status = InteractionStatus.None;

        _state.AssertRefusedUnchanged(InteractionRefusalKind.NotFound, "interaction 'i-1' does not exist in tenant 'acme'",
            () => Case.RequestCallback("+33123456789"));
    }

    [Theory]
    [InlineData(InteractionStatus.Queued, true)]
    [InlineData(InteractionStatus.Offered, true)]
    [InlineData(InteractionStatus.Connected, false)]
    public void CallbackCancelAndHangUp_OnlyBeforeAnAnswer(InteractionStatus status, bool stands)
    {
        Case.RequestCallback("+33123456789");
        _state.Status = status;

        Assert.Equal(stands, Case.CallbackStands);
        Assert.Equal(stands ? null : new InteractionRefusal(InteractionRefusalKind.FailedPrecondition,
            $"only a callback that has not been answered can be cancelled; 'i-1' is a Callback interaction, {status}"), Case.RefuseCallbackCancel());
    }

    [Fact]
    public void RefuseCallbackCancel_AVoiceCall_Refused()
    {
        Assert.False(Case.CallbackStands);
        Assert.Equal("only a callback that has not been answered can be cancelled; 'i-1' is a Voice interaction, Queued", Case.RefuseCallbackCancel()!.Message);
    }

    [Fact]
    public void RefuseSchedule_TooFarAhead_RefusedAsInvalid()
    {
        var max = TimeSpan.FromDays(31);

        Assert.Null(InteractionCase.RefuseSchedule(Now + max, max, Now));
        Assert.Equal(new InteractionRefusal(InteractionRefusalKind.InvalidArgument, "a callback can be scheduled at most 31 days ahead"),
            InteractionCase.RefuseSchedule(Now + max + TimeSpan.FromSeconds(1), max, Now));
    }

    [Fact]
    public void Schedule_New_IsScheduledWithItsTimeAsArrival()
    {
        _state.Status = InteractionStatus.None;

        var result = Case.Schedule(Due);

        Assert.Equal((InteractionStatus.Scheduled, Due), (_state.Status, _state.Arrival));
        Assert.Equal(Write, result.Effects);
        Assert.Equal([new InteractionNote(InteractionEventKind.Scheduled, InteractionStatus.Scheduled, null, Due.ToString("O"))], result.Notes);
    }

    [Fact]
    public void Schedule_AlreadyCreated_Refused() =>
        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, "interaction 'i-1' is Queued: only a new interaction is scheduled",
            () => Case.Schedule(Due));

    [Fact]
    public void JoinLineWhenDue_AtItsTime_JoinsThenWaitsInLine()
    {
        _state.Status = InteractionStatus.Scheduled;

        var joining = Case.JoinLineWhenDue(Due, Due);

        Assert.Equal(InteractionStatus.Queued, _state.Status);
        Assert.Equal(None, joining.Effects);
        Assert.Equal([new InteractionNote(InteractionEventKind.Queued, InteractionStatus.Queued, null, "scheduled callback due")], joining.Notes);
        Assert.Equal(StartWatchdog | Write, Case.CallbackInLine().Effects);
    }

    [Fact]
    public void JoinLineWhenDue_BeforeItsTime_Refused()
    {
        _state.Status = InteractionStatus.Scheduled;

        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, "interaction 'i-1' is not a callback due now: it is Scheduled",
            () => Case.JoinLineWhenDue(Due, Now));
    }

    [Fact]
    public void CallbackRefused_ByItsQueue_EndsRejected()
    {
        _state.Status = InteractionStatus.Scheduled;
        Case.JoinLineWhenDue(Due, Due);

        var result = Case.CallbackRefused("queue 'sales' is full");

        Assert.Equal(InteractionStatus.Rejected, _state.Status);
        Assert.Equal(Write, result.Effects);
        Assert.Equal([new InteractionNote(InteractionEventKind.Abandoned, InteractionStatus.Rejected, null, "scheduled callback could not join its queue: queue 'sales' is full")], result.Notes);
    }

    [Fact]
    public void CallbackRefused_NotJoining_Refused()
    {
        _state.Status = InteractionStatus.Connected;

        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, "interaction 'i-1' is Connected: only a callback joining its line is refused",
            () => Case.CallbackRefused("gone"));
    }

    [Fact]
    public void CancelScheduled_Abandons()
    {
        _state.Status = InteractionStatus.Scheduled;

        var result = Case.CancelScheduled();

        Assert.Equal(InteractionStatus.Abandoned, _state.Status);
        Assert.Equal([new InteractionNote(InteractionEventKind.Abandoned, InteractionStatus.Abandoned, null, "scheduled callback cancelled")], result.Notes);
    }

    [Fact]
    public void CancelScheduled_NotScheduled_Refused() =>
        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, "interaction 'i-1' is Queued: only a scheduled callback is cancelled so",
            Case.CancelScheduled);
}
