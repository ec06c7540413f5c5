using Routing.Core.Lifecycle;
using Xunit;
using static Routing.Core.Lifecycle.InteractionEffects;
using static Routing.Core.Tests.TestData;

namespace Routing.Core.Tests.Lifecycle;

public sealed class InteractionCaseOverflowTests
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(5);

    private readonly CaseState _state = new() { Status = InteractionStatus.Queued };

    private InteractionCase Case => new(_state, "acme", "i-1");

    [Fact]
    public void StartWaitClock_CountsTheQueuesMaxWaitFromNow()
    {
        var result = Case.StartWaitClock(MaxWait, Now);

        Assert.Equal(Now + MaxWait, _state.WaitDeadline);
        Assert.Equal(RearmTimer, result.Effects);
        Assert.Equal(Now + MaxWait, Case.NextDeadline(reassertAt: null));
    }

    [Fact]
    public void StartWaitClock_WithoutMaxWait_WatchesNothing()
    {
        _state.WaitDeadline = Now;

        Case.StartWaitClock(null, Now);

        Assert.Null(_state.WaitDeadline);
    }

    [Theory]
    [InlineData(InteractionStatus.Queued, true)]
    [InlineData(InteractionStatus.Offered, false)]
    [InlineData(InteractionStatus.Connected, false)]
    public void WaitElapsed_OnlyWhileWaiting(InteractionStatus status, bool elapsed)
    {
        Case.StartWaitClock(MaxWait, Now);
        _state.Status = status;

        Assert.False(Case.WaitElapsed(Now));
        Assert.Equal(elapsed, Case.WaitElapsed(Now + MaxWait));
    }

    [Fact]
    public void StopWaitClock_ForgetsTheDeadline()
    {
        Case.StartWaitClock(MaxWait, Now);

        Assert.Equal(RearmTimer, Case.StopWaitClock().Effects);
        Assert.Null(_state.WaitDeadline);
    }

    [Fact]
    public void MoveByOverflow_CountsAHopAndLeavesTheOldQueue()
    {
        var result = Case.MoveByOverflow("sales", "support", "MaxWait");

        Assert.Equal((InteractionStatus.Queued, 1, "support"), (_state.Status, _state.OverflowHops, _state.QueueId));
        Assert.Equal(RemoveOverflowed | Write, result.Effects);
        Assert.Equal("sales", result.LeftQueue);
        Assert.Equal([new InteractionNote(InteractionEventKind.Moved, InteractionStatus.Queued, null, "overflow (MaxWait): sales → support")], result.Notes);
    }

    [Fact]
    public void RefuseOverflowHop_AfterTheMaxHops_EndsTheLoop()
    {
        _state.OverflowHops = InteractionCase.MaxOverflowHops - 1;
        Assert.Null(Case.RefuseOverflowHop("a", "b"));

        _state.OverflowHops = InteractionCase.MaxOverflowHops;
        Assert.Equal(new InteractionRefusal(InteractionRefusalKind.FailedPrecondition, "overflowed 5 times already; not moved from 'a' to 'b'"),
            Case.RefuseOverflowHop("a", "b"));
    }

    [Fact]
    public void EndOverflowed_FromQueued_IsFinalAndLeavesItsQueue()
    {
        Case.StartWaitClock(MaxWait, Now);

        var result = Case.EndOverflowed("voicemail (MaxWait)");

        Assert.Equal((InteractionStatus.Overflowed, (DateTimeOffset?)null), (_state.Status, _state.WaitDeadline));
        Assert.Equal(StopWatchdog | RearmTimer | RemoveOverflowed | Write, result.Effects);
        Assert.Null(result.LeftQueue);
        Assert.Equal([new InteractionNote(InteractionEventKind.Overflowed, InteractionStatus.Overflowed, null, "voicemail (MaxWait)")], result.Notes);
    }

    [Theory]
    [InlineData(InteractionStatus.None)]
    [InlineData(InteractionStatus.Offered)]
    [InlineData(InteractionStatus.Connected)]
    [InlineData(InteractionStatus.Completed)]
    [InlineData(InteractionStatus.Overflowed)]
    public void EndOverflowed_NotWaiting_Refused(InteractionStatus status)
    {
        _state.Status = status;

        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition, $"interaction 'i-1' is {status}: only waiting work overflows",
            () => Case.EndOverflowed("disconnect"));
    }
}
