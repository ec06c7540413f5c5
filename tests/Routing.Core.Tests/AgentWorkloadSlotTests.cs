using Xunit;
using static Routing.Core.Tests.TestData;

namespace Routing.Core.Tests;

public sealed class AgentWorkloadSlotTests
{
    private static readonly AgentTerms Terms = new(ChannelCounts.DefaultCapacity, VoiceIsExclusive: false, ["sales", "support"], NoAnswerThreshold: 2);
    private static readonly DateTimeOffset Earlier = Now.AddMinutes(-5);

    private readonly WorkloadState _state = new() { Presence = Presence.Available, IdleSince = Earlier };

    private AgentWorkload Work(AgentTerms? terms = null) => new(_state, terms ?? Terms);

    private void Hold(string interactionId, SlotPhase phase, Channel channel = Channel.Chat, DateTimeOffset? since = null) =>
        _state.Slots[interactionId] = new AgentSlot { InteractionId = interactionId, QueueId = "sales", Channel = channel, Phase = phase, Since = since ?? Earlier };

    private AgentSlot Slot(string interactionId) => _state.Slots[interactionId];


    [Fact]
    public void Reserve_FromAQueueItServes_HoldsTheSlotAndAnnouncesLessAvailability()
    {
        var result = Work().Reserve("i-1", "sales", Channel.Chat, ReservationSource.Queue, Now);

        Assert.True(result.Accepted);
        Assert.Equal(new AgentSlot { InteractionId = "i-1", QueueId = "sales", Channel = Channel.Chat, Phase = SlotPhase.Reserved, Since = Now }, Slot("i-1"));
        var moment = Assert.Single(result.Moments);
        Assert.Equal(new AgentMoment(Now, AgentCause.Reserved, "i-1", Presence.Available, null, new ChannelCounts { Chat = 1 }, false), moment);
        Assert.Equal(AgentEffects.Unseen | AgentEffects.AnnounceAvailability, result.Effects);
    }

    [Fact]
    public void Reserve_NamedByATransfer_NeedNotServeTheQueue()
    {
        var result = Work().Reserve("i-1", "billing", Channel.Voice, ReservationSource.Named, Now);

        Assert.True(result.Accepted);
        Assert.Equal("billing", Slot("i-1").QueueId);
    }

    [Fact]
    public void Reserve_ByItsOwnLook_LeavesTheAnnouncementToTheLooksEnd()
    {
        var result = Work().Reserve("i-1", "sales", Channel.Email, ReservationSource.OwnLook, Now);

        Assert.True(result.Accepted);
        Assert.Equal(AgentEffects.Unseen, result.Effects);
    }

    [Fact]
    public void Reserve_NotConfigured_Refused() =>
        _state.AssertRefusedUnchanged(AgentRefusal.NotConfigured, () => new AgentWorkload(_state, null).Reserve("i-1", "sales", Channel.Chat, ReservationSource.Named, Now));

    [Theory]
    [InlineData(Presence.Offline)]
    [InlineData(Presence.NotReady)]
    public void Reserve_NotAvailable_RefusedEvenWithRoom(Presence presence)
    {
        _state.Presence = presence;

        _state.AssertRefusedUnchanged(AgentRefusal.NotAvailable, () => Work().Reserve("i-1", "sales", Channel.Chat, ReservationSource.Named, Now));
    }

    [Theory]
    [InlineData(ReservationSource.Queue)]
    [InlineData(ReservationSource.OwnLook)]
    public void Reserve_FromAQueueItDoesNotServe_Refused(ReservationSource source) =>
        _state.AssertRefusedUnchanged(AgentRefusal.NotAMember, () => Work().Reserve("i-1", "billing", Channel.Chat, source, Now));

    [Fact]
    public void Reserve_AlreadyHeld_Refused()
    {
        Hold("i-1", SlotPhase.Offered);

        _state.AssertRefusedUnchanged(AgentRefusal.AlreadyHeld, () => Work().Reserve("i-1", "sales", Channel.Chat, ReservationSource.Queue, Now));
    }

    [Fact]
    public void Reserve_ChannelFull_Refused()
    {
        Hold("c-1", SlotPhase.Connected);
        Hold("c-2", SlotPhase.WrapUp);
        Hold("c-3", SlotPhase.Reserved);

        _state.AssertRefusedUnchanged(AgentRefusal.NoCapacity, () => Work().Reserve("c-4", "sales", Channel.Chat, ReservationSource.Named, Now));
    }

    [Fact]
    public void Reserve_VoiceExclusiveOnACall_RefusesOtherWork()
    {
        Hold("v-1", SlotPhase.Connected, Channel.Voice);

        _state.AssertRefusedUnchanged(AgentRefusal.NoCapacity, () => Work(Terms with { VoiceIsExclusive = true }).Reserve("c-1", "sales", Channel.Chat, ReservationSource.Queue, Now));
    }

    [Fact]
    public void Reserve_VoiceExclusiveBusyOnChat_RefusesACall()
    {
        Hold("c-1", SlotPhase.WrapUp);

        _state.AssertRefusedUnchanged(AgentRefusal.NoCapacity, () => Work(Terms with { VoiceIsExclusive = true }).Reserve("v-1", "sales", Channel.Voice, ReservationSource.Queue, Now));
    }

    [Fact]
    public void Reserve_VoiceNotExclusive_MixesACallWithChats()
    {
        Hold("c-1", SlotPhase.Connected);

        Assert.True(Work().Reserve("v-1", "sales", Channel.Voice, ReservationSource.Queue, Now).Accepted);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reserve_ManyRequestsInAnyOrder_NeverExceedCapacity(bool voiceIsExclusive)
    {
        var terms = Terms with { VoiceIsExclusive = voiceIsExclusive };
        var random = new Random(7);
        var channels = Enum.GetValues<Channel>();
        for (var i = 0; i < 500; i++)
        {
            var work = Work(terms);
            var id = $"i-{i}";
            if (random.Next(4) == 0 && _state.Slots.Count > 0)
            {
                work.Finish(_state.Slots.Keys.ElementAt(random.Next(_state.Slots.Count)), Now);
            }
            var channel = channels[random.Next(channels.Length)];
            var before = work.Load();
            var accepted = work.Reserve(id, "sales", channel, ReservationSource.Queue, Now).Accepted;

            Assert.Equal(CapacityRules.CanAccept(terms.Capacity, before, channel, voiceIsExclusive), accepted);
            var load = work.Load();
            Assert.All(channels, c => Assert.True(load[c] <= terms.Capacity[c]));
            if (voiceIsExclusive)
            {
                Assert.True(load.Voice == 0 || load.Total == load.Voice);
            }
        }
    }

    [Fact]
    public void ConfirmOffer_Reserved_RingsAndTellsTheApp()
    {
        Hold("i-1", SlotPhase.Reserved);

        var result = Work().ConfirmOffer("i-1", Now);

        Assert.True(result.Accepted);
        Assert.Equal((SlotPhase.Offered, Now), (Slot("i-1").Phase, Slot("i-1").Since));
        Assert.Equal(AgentCause.Offered, Assert.Single(result.Moments).Cause);
        Assert.Equal(AgentEffects.TellOffer, result.Effects);
    }

    [Fact]
    public void ConfirmOffer_Offline_Refused()
    {
        _state.Presence = Presence.Offline;
        Hold("i-1", SlotPhase.Reserved);

        _state.AssertRefusedUnchanged(AgentRefusal.Offline, () => Work().ConfirmOffer("i-1", Now));
    }

    [Fact]
    public void ConfirmOffer_NotReady_StillRingsWhatWasReserved()
    {
        _state.Presence = Presence.NotReady;
        Hold("i-1", SlotPhase.Reserved);

        Assert.True(Work().ConfirmOffer("i-1", Now).Accepted);
    }

    [Fact]
    public void ConfirmOffer_NoSlot_Refused() =>
        _state.AssertRefusedUnchanged(AgentRefusal.NoSlot, () => Work().ConfirmOffer("i-1", Now));

    [Theory]
    [InlineData(SlotPhase.Offered)]
    [InlineData(SlotPhase.Connected)]
    [InlineData(SlotPhase.WrapUp)]
    public void ConfirmOffer_NotReserved_Refused(SlotPhase phase)
    {
        Hold("i-1", phase);

        _state.AssertRefusedUnchanged(AgentRefusal.WrongPhase, () => Work().ConfirmOffer("i-1", Now));
    }

    [Theory]
    [InlineData(SlotPhase.Reserved)]
    [InlineData(SlotPhase.Offered)]
    public void ConfirmConnected_ReservedOrOffered_ConnectsCountsTodayAndEndsTheMisses(SlotPhase phase)
    {
        Hold("i-1", phase);
        _state.ConsecutiveMisses = 1;
        _state.TodayDayNumber = 100;
        _state.InteractionsToday = 4;

        var result = Work().ConfirmConnected("i-1", today: 100, Now);

        Assert.True(result.Accepted);
        Assert.Equal((SlotPhase.Connected, Now), (Slot("i-1").Phase, Slot("i-1").Since));
        Assert.Equal((0, 5), (_state.ConsecutiveMisses, _state.InteractionsToday));
        Assert.Equal(AgentCause.Connected, Assert.Single(result.Moments).Cause);
        Assert.Equal(AgentEffects.None, result.Effects);
    }

    [Fact]
    public void ConfirmConnected_OnANewDay_CountsFromOne()
    {
        Hold("i-1", SlotPhase.Offered);
        _state.TodayDayNumber = 100;
        _state.InteractionsToday = 4;

        Work().ConfirmConnected("i-1", today: 101, Now);

        Assert.Equal((101, 1), (_state.TodayDayNumber, _state.InteractionsToday));
        Assert.Equal(1, Work().InteractionsOn(101));
        Assert.Equal(0, Work().InteractionsOn(102));
    }

    [Fact]
    public void ConfirmConnected_NoSlot_Refused() =>
        _state.AssertRefusedUnchanged(AgentRefusal.NoSlot, () => Work().ConfirmConnected("i-1", 100, Now));

    [Theory]
    [InlineData(SlotPhase.Connected)]
    [InlineData(SlotPhase.WrapUp)]
    public void ConfirmConnected_AlreadyConnectedOrInWrapUp_Refused(SlotPhase phase)
    {
        Hold("i-1", phase);

        _state.AssertRefusedUnchanged(AgentRefusal.WrongPhase, () => Work().ConfirmConnected("i-1", 100, Now));
    }

    [Fact]
    public void BeginWrapUp_Connected_MovesToWrapUp()
    {
        Hold("i-1", SlotPhase.Connected);

        var result = Work().BeginWrapUp("i-1", Now);

        Assert.True(result.Accepted);
        Assert.Equal((SlotPhase.WrapUp, Now), (Slot("i-1").Phase, Slot("i-1").Since));
        Assert.Equal(AgentCause.WrapUp, Assert.Single(result.Moments).Cause);
    }

    [Fact]
    public void BeginWrapUp_NoSlot_Refused() =>
        _state.AssertRefusedUnchanged(AgentRefusal.NoSlot, () => Work().BeginWrapUp("i-1", Now));

    [Theory]
    [InlineData(SlotPhase.Reserved)]
    [InlineData(SlotPhase.Offered)]
    [InlineData(SlotPhase.WrapUp)]
    public void BeginWrapUp_NotConnected_Refused(SlotPhase phase)
    {
        Hold("i-1", phase);

        _state.AssertRefusedUnchanged(AgentRefusal.WrongPhase, () => Work().BeginWrapUp("i-1", Now));
    }

    [Theory]
    [InlineData(SlotPhase.Reserved)]
    [InlineData(SlotPhase.Offered)]
    [InlineData(SlotPhase.Connected)]
    [InlineData(SlotPhase.WrapUp)]
    public void Finish_FromAnyPhase_FreesTheSlotAndLooksForWork(SlotPhase phase)
    {
        Hold("i-1", phase);

        var result = Work().Finish("i-1", Now);

        Assert.True(result.Accepted);
        Assert.Empty(_state.Slots);
        Assert.Equal(Now, _state.IdleSince);
        Assert.Equal(new AgentMoment(Now, AgentCause.Finished, "i-1", Presence.Available, null, ChannelCounts.Zero, false), Assert.Single(result.Moments));
        Assert.Equal(AgentEffects.LookForWork, result.Effects);
    }

    [Fact]
    public void Finish_OtherWorkLeft_AgentIsNotIdle()
    {
        Hold("i-1", SlotPhase.WrapUp);
        Hold("i-2", SlotPhase.Connected);

        Work().Finish("i-1", Now);

        Assert.Equal(Earlier, _state.IdleSince);
    }

    [Fact]
    public void Finish_NoSlot_Refused() =>
        _state.AssertRefusedUnchanged(AgentRefusal.NoSlot, () => Work().Finish("i-1", Now));

    [Fact]
    public void ReleaseOffer_Ringing_FreesTheSlotAndTellsTheAppItEnded()
    {
        Hold("i-1", SlotPhase.Offered);

        var result = Work().ReleaseOffer("i-1", AgentCause.ReleasedRejected, unanswered: false, Now);

        Assert.True(result.Accepted);
        Assert.Empty(_state.Slots);
        Assert.Equal(Now, _state.IdleSince);
        Assert.Equal(AgentCause.ReleasedRejected, Assert.Single(result.Moments).Cause);
        Assert.Equal(AgentEffects.TellOfferEnded | AgentEffects.LookForWork, result.Effects);
        Assert.Equal(0, _state.ConsecutiveMisses);
    }

    [Fact]
    public void ReleaseOffer_OnlyReserved_NothingRangSoTheAppIsNotTold()
    {
        Hold("i-1", SlotPhase.Reserved);

        var result = Work().ReleaseOffer("i-1", AgentCause.ReleasedWithdrawn, unanswered: false, Now);

        Assert.True(result.Accepted);
        Assert.Equal(AgentEffects.LookForWork | AgentEffects.Unseen, result.Effects);
    }

    [Fact]
    public void ReleaseOffer_UnansweredBelowThreshold_CountsAMissAndStaysAvailable()
    {
        Hold("i-1", SlotPhase.Offered);

        var result = Work().ReleaseOffer("i-1", AgentCause.ReleasedTimedOut, unanswered: true, Now);

        Assert.Equal(1, _state.ConsecutiveMisses);
        Assert.Equal(Presence.Available, _state.Presence);
        Assert.Equal(AgentCause.ReleasedTimedOut, Assert.Single(result.Moments).Cause);
        Assert.False(result.Has(AgentEffects.NoAnswer));
    }

    [Fact]
    public void ReleaseOffer_UnansweredAtThreshold_MakesTheAgentNotReadyNoAnswer()
    {
        Hold("i-1", SlotPhase.Offered);
        Hold("i-2", SlotPhase.Connected);
        _state.ConsecutiveMisses = 1;

        var result = Work().ReleaseOffer("i-1", AgentCause.ReleasedTimedOut, unanswered: true, Now);

        Assert.Equal((Presence.NotReady, NotReadyReasons.NoAnswer, 2), (_state.Presence, _state.Reason, _state.ConsecutiveMisses));
        var oneChat = new ChannelCounts { Chat = 1 };
        Assert.Equal(
            [
                new AgentMoment(Now, AgentCause.ReleasedTimedOut, "i-1", Presence.Available, null, oneChat, false),
                new AgentMoment(Now, AgentCause.NoAnswer, null, Presence.NotReady, NotReadyReasons.NoAnswer, oneChat, true),
            ],
            result.Moments);
        Assert.Equal(AgentEffects.TellOfferEnded | AgentEffects.LookForWork | AgentEffects.NoAnswer | AgentEffects.AnnounceAvailability, result.Effects);
    }

    [Fact]
    public void ReleaseOffer_UnansweredWithoutTerms_OneMissIsEnough()
    {
        Hold("i-1", SlotPhase.Offered);

        new AgentWorkload(_state, null).ReleaseOffer("i-1", AgentCause.ReleasedTimedOut, unanswered: true, Now);

        Assert.Equal(NotReadyReasons.NoAnswer, _state.Reason);
    }

    [Fact]
    public void ReleaseOffer_UnansweredWhileNotReady_CountsTheMissAndKeepsTheReason()
    {
        _state.Presence = Presence.NotReady;
        _state.Reason = NotReadyReasons.Lunch;
        _state.ConsecutiveMisses = 5;
        Hold("i-1", SlotPhase.Offered);

        var result = Work().ReleaseOffer("i-1", AgentCause.ReleasedTimedOut, unanswered: true, Now);

        Assert.Equal((Presence.NotReady, NotReadyReasons.Lunch, 6), (_state.Presence, _state.Reason, _state.ConsecutiveMisses));
        Assert.Single(result.Moments);
    }

    [Fact]
    public void ReleaseOffer_NoSlot_Refused() =>
        _state.AssertRefusedUnchanged(AgentRefusal.NoSlot, () => Work().ReleaseOffer("i-1", AgentCause.ReleasedTimedOut, unanswered: true, Now));

    [Theory]
    [InlineData(SlotPhase.Connected)]
    [InlineData(SlotPhase.WrapUp)]
    public void ReleaseOffer_AfterTheConnection_Refused(SlotPhase phase)
    {
        Hold("i-1", phase);

        _state.AssertRefusedUnchanged(AgentRefusal.WrongPhase, () => Work().ReleaseOffer("i-1", AgentCause.ReleasedTimedOut, unanswered: true, Now));
    }

    [Fact]
    public void DropReservation_Reserved_FreesTheSlot()
    {
        Hold("i-1", SlotPhase.Reserved);

        var result = Work().DropReservation("i-1", Now);

        Assert.True(result.Accepted);
        Assert.Empty(_state.Slots);
        Assert.Equal(AgentCause.ReleasedUnclaimed, Assert.Single(result.Moments).Cause);
        Assert.Equal(AgentEffects.Unseen, result.Effects);
    }

    [Fact]
    public void DropReservation_NoSlot_Refused() =>
        _state.AssertRefusedUnchanged(AgentRefusal.NoSlot, () => Work().DropReservation("i-1", Now));

    [Theory]
    [InlineData(SlotPhase.Offered)]
    [InlineData(SlotPhase.Connected)]
    [InlineData(SlotPhase.WrapUp)]
    public void DropReservation_BeyondReserved_Refused(SlotPhase phase)
    {
        Hold("i-1", phase);

        _state.AssertRefusedUnchanged(AgentRefusal.WrongPhase, () => Work().DropReservation("i-1", Now));
    }

    [Fact]
    public void DropStaleReservations_DropsOnlyReservationsOlderThanTheAge()
    {
        Hold("old", SlotPhase.Reserved, since: Now.AddMinutes(-2));
        Hold("young", SlotPhase.Reserved, since: Now.AddSeconds(-10));
        Hold("ringing", SlotPhase.Offered, since: Now.AddMinutes(-2));

        var result = Work().DropStaleReservations(TimeSpan.FromMinutes(1), Now);

        Assert.Equal(["ringing", "young"], _state.Slots.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(AgentCause.ReleasedStale, Assert.Single(result.Moments).Cause);
        Assert.Equal(Earlier, _state.IdleSince);
        // The app never saw the reservation, so it is not told it went.
        Assert.Equal(AgentEffects.Unseen, result.Effects);
    }

    [Fact]
    public void DropStaleReservations_ZeroAge_DropsEveryReservationOneMomentEach()
    {
        Hold("a", SlotPhase.Reserved, Channel.Chat, since: Now);
        Hold("b", SlotPhase.Reserved, Channel.Email, since: Now);

        var result = Work().DropStaleReservations(TimeSpan.Zero, Now);

        Assert.Empty(_state.Slots);
        Assert.Equal(Now, _state.IdleSince);
        Assert.Equal([1, 0], result.Moments.Select(m => m.Load.Total));
    }

    [Fact]
    public void DropStaleReservations_NothingOldEnough_Refused()
    {
        Hold("young", SlotPhase.Reserved, since: Now.AddSeconds(-10));
        Hold("ringing", SlotPhase.Offered, since: Now.AddMinutes(-10));

        _state.AssertRefusedUnchanged(AgentRefusal.NothingStale, () => Work().DropStaleReservations(TimeSpan.FromMinutes(1), Now));
    }

    [Fact]
    public void WholeLifecycle_ReservedOfferedConnectedWrapUpFree()
    {
        var work = Work();

        Assert.True(work.Reserve("i-1", "sales", Channel.Voice, ReservationSource.Queue, Now).Accepted);
        Assert.True(work.ConfirmOffer("i-1", Now).Accepted);
        Assert.True(work.ConfirmConnected("i-1", 100, Now).Accepted);
        Assert.True(work.BeginWrapUp("i-1", Now).Accepted);
        Assert.Equal(1, work.InProgress);
        Assert.True(work.Finish("i-1", Now).Accepted);

        Assert.Empty(_state.Slots);
        Assert.Equal(0, work.InProgress);
    }

    [Fact]
    public void FreeChannels_OnlyWhileAvailable()
    {
        Hold("v-1", SlotPhase.Connected, Channel.Voice);

        Assert.Equal([Channel.Chat, Channel.Email, Channel.Message, Channel.Callback], Work().FreeChannels());
        Assert.Empty(Work(Terms with { VoiceIsExclusive = true }).FreeChannels());
        _state.Presence = Presence.NotReady;
        Assert.Empty(Work().FreeChannels());
        Assert.Empty(new AgentWorkload(_state, null).FreeChannels());
    }

    [Fact]
    public void Occupancy_WithoutTerms_CountsAsFull()
    {
        Assert.Equal(1.0, new AgentWorkload(_state, null).Occupancy());
        Assert.Equal(0.0, Work().Occupancy());
    }
}
