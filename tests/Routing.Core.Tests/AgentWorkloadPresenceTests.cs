using Xunit;
using static Routing.Core.Tests.TestData;

namespace Routing.Core.Tests;

public sealed class AgentWorkloadPresenceTests
{
    private static readonly AgentTerms Terms = new(ChannelCounts.DefaultCapacity, VoiceIsExclusive: false, ["sales"], NoAnswerThreshold: 1);
    private static readonly DateTimeOffset Earlier = Now.AddMinutes(-5);

    private readonly WorkloadState _state = new() { IdleSince = Earlier };

    private AgentWorkload Work() => new(_state, Terms);

    private void Be(Presence presence, string? reason = null)
    {
        _state.Presence = presence;
        _state.Reason = reason;
    }

    private void Hold(string interactionId, SlotPhase phase) =>
        _state.Slots[interactionId] = new AgentSlot { InteractionId = interactionId, QueueId = "sales", Channel = Channel.Chat, Phase = phase, Since = Earlier };


    private static (AgentCause Cause, Presence Presence, string? Reason, bool PresenceChanged)[] Steps(AgentTransition transition) =>
        [.. transition.Moments.Select(m => (m.Cause, m.Presence, m.Reason, m.PresenceChanged))];

    [Fact]
    public void Login_Offline_NotReadyLoggedInAndAnnounced()
    {
        var result = Work().Login(Now);

        Assert.Equal((Presence.NotReady, NotReadyReasons.LoggedIn), (_state.Presence, _state.Reason));
        Assert.Equal([(AgentCause.Login, Presence.NotReady, NotReadyReasons.LoggedIn, true)], Steps(result));
        Assert.Equal(AgentEffects.AnnounceAvailability, result.Effects);
    }

    [Theory]
    [InlineData(Presence.Available)]
    [InlineData(Presence.NotReady)]
    public void Login_AlreadyLoggedIn_Refused(Presence presence)
    {
        Be(presence, presence == Presence.NotReady ? NotReadyReasons.Break : null);

        _state.AssertRefusedUnchanged(AgentRefusal.AlreadyInPresence, () => Work().Login(Now));
    }

    [Fact]
    public void SetReady_Offline_LogsInFirstThenAvailable()
    {
        var result = Work().SetReady(Now);

        Assert.Equal((Presence.Available, null), (_state.Presence, _state.Reason));
        Assert.Equal(
            [(AgentCause.Login, Presence.NotReady, NotReadyReasons.LoggedIn, true), (AgentCause.Ready, Presence.Available, (string?)null, true)],
            Steps(result));
        Assert.Equal(AgentEffects.LookForWork, result.Effects);
        Assert.Equal(Now, _state.IdleSince);
    }

    [Fact]
    public void SetReady_NotReadyAfterMisses_AvailableWithAFreshRunOfMisses()
    {
        Be(Presence.NotReady, NotReadyReasons.NoAnswer);
        _state.ConsecutiveMisses = 3;

        var result = Work().SetReady(Now);

        Assert.Equal((Presence.Available, 0), (_state.Presence, _state.ConsecutiveMisses));
        Assert.Equal([(AgentCause.Ready, Presence.Available, (string?)null, true)], Steps(result));
    }

    [Fact]
    public void SetReady_WithWorkInProgress_KeepsItAndIsNotIdle()
    {
        Be(Presence.NotReady, NotReadyReasons.Break);
        Hold("i-1", SlotPhase.WrapUp);

        var result = Work().SetReady(Now);

        Assert.True(result.Accepted);
        Assert.Equal(SlotPhase.WrapUp, _state.Slots["i-1"].Phase);
        Assert.Equal(Earlier, _state.IdleSince);
        Assert.Equal(1, result.Moments[0].Load.Chat);
    }

    [Fact]
    public void SetReady_AlreadyAvailable_Refused()
    {
        Be(Presence.Available);

        _state.AssertRefusedUnchanged(AgentRefusal.AlreadyInPresence, () => Work().SetReady(Now));
    }

    [Theory]
    [InlineData(Presence.Available, null)]
    [InlineData(Presence.NotReady, NotReadyReasons.LoggedIn)]
    public void SetNotReady_LoggedIn_NotReadyForTheReasonAndAnnounced(Presence presence, string? reason)
    {
        Be(presence, reason);

        var result = Work().SetNotReady(NotReadyReasons.Lunch, Now);

        Assert.Equal((Presence.NotReady, NotReadyReasons.Lunch), (_state.Presence, _state.Reason));
        Assert.Equal([(AgentCause.NotReady, Presence.NotReady, NotReadyReasons.Lunch, true)], Steps(result));
        Assert.Equal(AgentEffects.AnnounceAvailability, result.Effects);
    }

    [Fact]
    public void SetNotReady_WithWorkInProgress_WorkStaysAndNothingNewIsReserved()
    {
        Be(Presence.Available);
        Hold("i-1", SlotPhase.Connected);
        Hold("i-2", SlotPhase.Offered);

        Assert.True(Work().SetNotReady(NotReadyReasons.Break, Now).Accepted);

        Assert.Equal([SlotPhase.Connected, SlotPhase.Offered], [_state.Slots["i-1"].Phase, _state.Slots["i-2"].Phase]);
        Assert.Equal(AgentRefusal.NotAvailable, Work().Reserve("i-3", "sales", Channel.Chat, ReservationSource.Queue, Now).Refusal);
        Assert.True(Work().ConfirmConnected("i-2", 100, Now).Accepted);
        Assert.True(Work().BeginWrapUp("i-1", Now).Accepted);
    }

    [Fact]
    public void SetNotReady_Offline_Refused() =>
        _state.AssertRefusedUnchanged(AgentRefusal.Offline, () => Work().SetNotReady(NotReadyReasons.Break, Now));

    [Fact]
    public void SetNotReady_SameReason_Refused()
    {
        Be(Presence.NotReady, NotReadyReasons.Break);

        _state.AssertRefusedUnchanged(AgentRefusal.AlreadyInPresence, () => Work().SetNotReady(NotReadyReasons.Break, Now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    public void SetNotReady_InvalidReason_RefusedWithTheProblem(string reason)
    {
        Be(Presence.Available);
        var before = _state.Picture();

        var result = Work().SetNotReady(reason, Now);

        Assert.Equal(AgentRefusal.InvalidReason, result.Refusal);
        Assert.Equal(EntityId.Problem("not-ready reason", reason), result.Problem);
        Assert.Equal(before, _state.Picture());
    }

    [Fact]
    public void Logout_OffersInFlight_OfflineDropsReservationsAndWithdrawsWhatRings()
    {
        Be(Presence.Available);
        Hold("reserved", SlotPhase.Reserved);
        Hold("ringing", SlotPhase.Offered);

        var result = Work().Logout(Now);

        Assert.Equal(Presence.Offline, _state.Presence);
        Assert.Equal(["ringing"], _state.Slots.Keys);
        Assert.Equal(["ringing"], result.Withdraw);
        Assert.Equal(
            [(AgentCause.Logout, Presence.Offline, (string?)null, true), (AgentCause.ReleasedWithdrawn, Presence.Offline, null, false)],
            Steps(result));
        Assert.Equal([2, 1], result.Moments.Select(m => m.Load.Total));
        Assert.Equal(AgentEffects.AnnounceAvailability, result.Effects);
        Assert.Equal(Earlier, _state.IdleSince);
    }

    [Fact]
    public void Logout_OnlyReservations_IdleFromNow()
    {
        Be(Presence.NotReady, NotReadyReasons.Break);
        Hold("reserved", SlotPhase.Reserved);

        Work().Logout(Now);

        Assert.Empty(_state.Slots);
        Assert.Equal(Now, _state.IdleSince);
    }

    [Fact]
    public void Logout_Offline_Refused() =>
        _state.AssertRefusedUnchanged(AgentRefusal.AlreadyInPresence, () => Work().Logout(Now));

    [Theory]
    [InlineData(SlotPhase.Connected)]
    [InlineData(SlotPhase.WrapUp)]
    public void Logout_WorkInProgress_Refused(SlotPhase phase)
    {
        Be(Presence.Available);
        Hold("i-1", phase);
        Hold("i-2", SlotPhase.Reserved);

        _state.AssertRefusedUnchanged(AgentRefusal.WorkInProgress, () => Work().Logout(Now));
        Assert.Equal(1, Work().InProgress);
    }

    [Fact]
    public void GoOffline_WorkInProgress_OfflineAndTheWorkFinishesLater()
    {
        Be(Presence.Available);
        Hold("i-1", SlotPhase.Connected);

        var result = Work().GoOffline(AgentCause.SessionExpired, Now);

        Assert.Equal(Presence.Offline, _state.Presence);
        Assert.Equal(AgentCause.SessionExpired, result.Moments[0].Cause);
        Assert.Empty(result.Withdraw);
        Assert.True(Work().BeginWrapUp("i-1", Now).Accepted);
        Assert.Equal(AgentRefusal.Offline, Work().ConfirmOffer("i-1", Now).Refusal);
        Assert.True(Work().Finish("i-1", Now).Accepted);
        Assert.Empty(_state.Slots);
    }

    [Fact]
    public void GoOffline_Offline_Refused() =>
        _state.AssertRefusedUnchanged(AgentRefusal.AlreadyInPresence, () => Work().GoOffline(AgentCause.RemovedFromConfiguration, Now));

    [Fact]
    public void Moment_PicturesTheAgentAsItStands()
    {
        Be(Presence.NotReady, NotReadyReasons.Meeting);
        Hold("i-1", SlotPhase.Connected);

        Assert.Equal(
            new AgentMoment(Now, AgentCause.RemovedFromConfiguration, null, Presence.NotReady, NotReadyReasons.Meeting, new ChannelCounts { Chat = 1 }, false),
            Work().Moment(AgentCause.RemovedFromConfiguration, Now));
    }
}
