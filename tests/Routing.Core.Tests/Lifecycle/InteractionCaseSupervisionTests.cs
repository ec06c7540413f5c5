using Routing.Core.Lifecycle;
using Xunit;
using static Routing.Core.Lifecycle.InteractionEffects;

namespace Routing.Core.Tests.Lifecycle;

public sealed class InteractionCaseSupervisionTests
{
    private const int MaxPriority = 100;

    private readonly CaseState _state = new() { Status = InteractionStatus.Queued, CreatedPriority = 3, CreatedQueueId = "sales" };

    private InteractionCase Case => new(_state, "acme", "i-1");

    [Fact]
    public void CurrentPriorityAndQueue_TheCreatedOnesUntilChanged()
    {
        Assert.Equal((3, "sales"), (Case.CurrentPriority, Case.CurrentQueueId));

        _state.Priority = 7;
        _state.QueueId = "support";

        Assert.Equal((7, "support"), (Case.CurrentPriority, Case.CurrentQueueId));
    }

    [Theory]
    [InlineData(InteractionStatus.Queued)]
    [InlineData(InteractionStatus.Offered)]
    public void Reprioritise_WaitingOrRinging_TheQueueRescoresIt(InteractionStatus status)
    {
        _state.Status = status;

        var result = Case.Reprioritise(10, MaxPriority);

        Assert.Equal((10, 10, status), (_state.Priority, Case.CurrentPriority, _state.Status));
        Assert.Equal(InteractionEffects.Reprioritise | Write, result.Effects);
        Assert.Equal([new InteractionNote(InteractionEventKind.Reprioritised, status, null, "priority 3 → 10")], result.Notes);
    }

    [Fact]
    public void Reprioritise_Again_FromTheSupervisorsPriority()
    {
        Case.Reprioritise(MaxPriority, MaxPriority);

        var result = Case.Reprioritise(0, MaxPriority);

        Assert.Equal(0, _state.Priority);
        Assert.Equal("priority 100 → 0", Assert.Single(result.Notes).Detail);
    }

    [Fact]
    public void Reprioritise_ToTheSamePriority_ChangesNothing()
    {
        var before = _state.Picture();

        var result = Case.Reprioritise(3, MaxPriority);

        Assert.True(result.Accepted);
        Assert.Equal(InteractionEffects.None, result.Effects);
        Assert.Empty(result.Notes);
        Assert.Equal(before, _state.Picture());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(MaxPriority + 1)]
    public void Reprioritise_OutOfRange_Refused(int priority) =>
        _state.AssertRefusedUnchanged(InteractionRefusalKind.InvalidArgument, $"priority {priority} is outside 0–100",
            () => Case.Reprioritise(priority, MaxPriority));

    [Theory]
    [InlineData(InteractionStatus.Scheduled)]
    [InlineData(InteractionStatus.Connected)]
    [InlineData(InteractionStatus.WrapUp)]
    [InlineData(InteractionStatus.Completed)]
    [InlineData(InteractionStatus.Abandoned)]
    public void Reprioritise_NeitherWaitingNorRinging_Refused(InteractionStatus status)
    {
        _state.Status = status;

        _state.AssertRefusedUnchanged(InteractionRefusalKind.FailedPrecondition,
            $"interaction 'i-1' is {status}: only waiting or ringing work can change priority", () => Case.Reprioritise(5, MaxPriority));
    }

    [Fact]
    public void Reprioritise_NotCreated_NotFoundBeforeTheRange()
    {
        _state.Status = InteractionStatus.None;

        _state.AssertRefusedUnchanged(InteractionRefusalKind.NotFound, "interaction 'i-1' does not exist in tenant 'acme'",
            () => Case.Reprioritise(MaxPriority + 1, MaxPriority));
    }

    [Fact]
    public void RefuseMove_WaitingToAValidQueue_None()
    {
        Assert.Null(Case.RefuseMove("support"));
        Assert.Null(Case.RefuseMove("sales"));
    }

    [Fact]
    public void RefuseMove_NotCreated_NotFoundBeforeTheId()
    {
        _state.Status = InteractionStatus.None;

        Assert.Equal(new InteractionRefusal(InteractionRefusalKind.NotFound, "interaction 'i-1' does not exist in tenant 'acme'"), Case.RefuseMove("a b"));
    }

    [Fact]
    public void RefuseMove_BadQueueId_Refused() =>
        Assert.Equal(new InteractionRefusal(InteractionRefusalKind.InvalidArgument, EntityId.Problem("queue", "a b")!), Case.RefuseMove("a b"));

    [Theory]
    [InlineData(InteractionStatus.Scheduled)]
    [InlineData(InteractionStatus.Offered)]
    [InlineData(InteractionStatus.Connected)]
    [InlineData(InteractionStatus.Completed)]
    public void RefuseMove_NotWaiting_Refused(InteractionStatus status)
    {
        _state.Status = status;

        Assert.Equal(new InteractionRefusal(InteractionRefusalKind.FailedPrecondition, $"interaction 'i-1' is {status}: only waiting work can move to another queue"),
            Case.RefuseMove("support"));
    }

    [Fact]
    public void AlreadyIn_ItsCurrentQueueOnly()
    {
        Assert.True(Case.AlreadyIn("sales"));
        Assert.False(Case.AlreadyIn("support"));

        _state.QueueId = "support";

        Assert.True(Case.AlreadyIn("support"));
        Assert.False(Case.AlreadyIn("sales"));
    }

    [Fact]
    public void MoveBySupervisor_WaitsInTheNewQueueAndIsNoHop()
    {
        _state.OverflowHops = 2;

        var result = Case.MoveBySupervisor("sales", "support");

        Assert.Equal((InteractionStatus.Queued, "support", 2), (_state.Status, _state.QueueId, _state.OverflowHops));
        Assert.Equal(Write, result.Effects);
        Assert.Equal([new InteractionNote(InteractionEventKind.Moved, InteractionStatus.Queued, null, "sales → support")], result.Notes);
    }

    [Fact]
    public void MoveBySupervisor_OfferedMeanwhile_KeepsTheOffer()
    {
        // The new queue may offer it while the old one is asked to let it go.
        _state.Status = InteractionStatus.Offered;
        _state.AgentId = "bob";

        var result = Case.MoveBySupervisor("sales", "support");

        Assert.Equal((InteractionStatus.Offered, "bob", "support"), (_state.Status, _state.AgentId, _state.QueueId));
        Assert.Equal([new InteractionNote(InteractionEventKind.Moved, InteractionStatus.Offered, "bob", "sales → support")], result.Notes);
    }
}
