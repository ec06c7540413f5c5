using Xunit;

namespace Routing.Core.Tests;

public sealed class CapacityRulesTests
{
    private static readonly ChannelCounts Capacity = ChannelCounts.DefaultCapacity;
    private static readonly ChannelCounts OnACall = new() { Voice = 1 };
    private static readonly ChannelCounts TwoChats = new() { Chat = 2 };

    [Theory]
    [InlineData(Channel.Voice, 0, true)]
    [InlineData(Channel.Voice, 1, false)]
    [InlineData(Channel.Chat, 2, true)]
    [InlineData(Channel.Chat, 3, false)]
    [InlineData(Channel.Email, 4, true)]
    [InlineData(Channel.Email, 5, false)]
    [InlineData(Channel.Message, 2, true)]
    [InlineData(Channel.Message, 3, false)]
    [InlineData(Channel.Callback, 0, true)]
    [InlineData(Channel.Callback, 1, false)]
    public void CanAccept_LoadAgainstCapacity_TrueOnlyWithFreeSlot(Channel channel, int load, bool expected)
    {
        var counts = ChannelCounts.Zero.With(channel, load);

        Assert.Equal(expected, CapacityRules.CanAccept(Capacity, counts, channel, voiceIsExclusive: false));
        Assert.Equal(expected, CapacityRules.CanAccept(Capacity, counts, channel, voiceIsExclusive: true));
    }

    [Fact]
    public void CanAccept_LoadAboveCapacity_False() =>
        Assert.False(CapacityRules.CanAccept(new() { Chat = 2 }, new() { Chat = 5 }, Channel.Chat, voiceIsExclusive: false));

    [Theory]
    [InlineData(Channel.Voice)]
    [InlineData(Channel.Chat)]
    [InlineData(Channel.Email)]
    [InlineData(Channel.Message)]
    [InlineData(Channel.Callback)]
    public void CanAccept_ZeroCapacity_FalseEvenWhenIdle(Channel channel) =>
        Assert.False(CapacityRules.CanAccept(ChannelCounts.Zero, ChannelCounts.Zero, channel, voiceIsExclusive: false));

    [Fact]
    public void CanAccept_LoadOnOtherChannelsOnly_DoesNotUseUpThisChannel() =>
        Assert.True(CapacityRules.CanAccept(Capacity, new() { Chat = 3, Message = 3 }, Channel.Email, voiceIsExclusive: false));

    [Theory]
    [InlineData(Channel.Chat)]
    [InlineData(Channel.Email)]
    [InlineData(Channel.Message)]
    [InlineData(Channel.Callback)]
    public void CanAccept_VoiceExclusiveAgentOnCall_TakesNothingElse(Channel channel) =>
        Assert.False(CapacityRules.CanAccept(Capacity, OnACall, channel, voiceIsExclusive: true));

    [Theory]
    [InlineData(Channel.Chat)]
    [InlineData(Channel.Email)]
    [InlineData(Channel.Message)]
    [InlineData(Channel.Callback)]
    public void CanAccept_VoiceExclusiveBusyOnOtherChannel_GetsNoCall(Channel busyOn)
    {
        var load = ChannelCounts.Zero.With(busyOn, 1);

        Assert.False(CapacityRules.CanAccept(Capacity, load, Channel.Voice, voiceIsExclusive: true));
    }

    [Fact]
    public void CanAccept_VoiceExclusiveOnCallWithSpareVoiceCapacity_RefusesSecondCall() =>
        Assert.False(CapacityRules.CanAccept(Capacity with { Voice = 2 }, OnACall, Channel.Voice, voiceIsExclusive: true));

    [Fact]
    public void CanAccept_VoiceExclusiveIdle_TakesCallOrChat()
    {
        Assert.True(CapacityRules.CanAccept(Capacity, ChannelCounts.Zero, Channel.Voice, voiceIsExclusive: true));
        Assert.True(CapacityRules.CanAccept(Capacity, ChannelCounts.Zero, Channel.Chat, voiceIsExclusive: true));
    }

    [Fact]
    public void CanAccept_VoiceExclusiveWithChats_StillTakesNonVoiceWork()
    {
        Assert.True(CapacityRules.CanAccept(Capacity, TwoChats, Channel.Chat, voiceIsExclusive: true));
        Assert.True(CapacityRules.CanAccept(Capacity, TwoChats, Channel.Email, voiceIsExclusive: true));
    }

    [Theory]
    [InlineData(Channel.Chat)]
    [InlineData(Channel.Email)]
    [InlineData(Channel.Message)]
    [InlineData(Channel.Callback)]
    public void CanAccept_VoiceNotExclusiveAgentOnCall_TakesOtherWork(Channel channel) =>
        Assert.True(CapacityRules.CanAccept(Capacity, OnACall, channel, voiceIsExclusive: false));

    [Fact]
    public void CanAccept_VoiceNotExclusiveWithChats_GetsCall() =>
        Assert.True(CapacityRules.CanAccept(Capacity, TwoChats, Channel.Voice, voiceIsExclusive: false));

    [Fact]
    public void CanAccept_NullCounts_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => CapacityRules.CanAccept(null!, ChannelCounts.Zero, Channel.Chat, false));
        Assert.Throws<ArgumentNullException>(() => CapacityRules.CanAccept(Capacity, null!, Channel.Chat, false));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void FreeChannels_Idle_EveryChannelInEnumOrder(bool voiceIsExclusive) =>
        Assert.Equal(
            [Channel.Voice, Channel.Chat, Channel.Email, Channel.Message, Channel.Callback],
            CapacityRules.FreeChannels(Capacity, ChannelCounts.Zero, voiceIsExclusive));

    [Fact]
    public void FreeChannels_VoiceExclusiveOnCall_None() =>
        Assert.Empty(CapacityRules.FreeChannels(Capacity, OnACall, voiceIsExclusive: true));

    [Fact]
    public void FreeChannels_VoiceNotExclusiveOnCall_AllButVoice() =>
        Assert.Equal(
            [Channel.Chat, Channel.Email, Channel.Message, Channel.Callback],
            CapacityRules.FreeChannels(Capacity, OnACall, voiceIsExclusive: false));

    [Fact]
    public void FreeChannels_VoiceExclusiveWithChat_AllButVoice() =>
        Assert.Equal(
            [Channel.Chat, Channel.Email, Channel.Message, Channel.Callback],
            CapacityRules.FreeChannels(Capacity, new() { Chat = 1 }, voiceIsExclusive: true));

    [Fact]
    public void FreeChannels_ChatsFull_AllButChat() =>
        Assert.Equal(
            [Channel.Voice, Channel.Email, Channel.Message, Channel.Callback],
            CapacityRules.FreeChannels(Capacity, new() { Chat = 3 }, voiceIsExclusive: false));

    [Fact]
    public void FreeChannels_OnlySomeChannelsStaffed_OnlyThose() =>
        Assert.Equal(
            [Channel.Chat, Channel.Email],
            CapacityRules.FreeChannels(new() { Chat = 2, Email = 1 }, ChannelCounts.Zero, voiceIsExclusive: true));

    [Fact]
    public void FreeChannels_NoCapacity_None() =>
        Assert.Empty(CapacityRules.FreeChannels(ChannelCounts.Zero, ChannelCounts.Zero, voiceIsExclusive: false));

    [Fact]
    public void Occupancy_Idle_Zero() => Assert.Equal(0.0, CapacityRules.Occupancy(Capacity, ChannelCounts.Zero));

    [Fact]
    public void Occupancy_EveryChannelFull_One() => Assert.Equal(1.0, CapacityRules.Occupancy(Capacity, Capacity));

    [Fact]
    public void Occupancy_AveragesFractionPerChannel()
    {
        // voice 1/1, chat 1/3, the rest 0/n: (1 + 1/3) / 5.
        var occupancy = CapacityRules.Occupancy(Capacity, new() { Voice = 1, Chat = 1 });

        Assert.Equal((1.0 + 1.0 / 3) / 5, occupancy, 12);
    }

    [Fact]
    public void Occupancy_ZeroCapacityChannels_Ignored()
    {
        // Only chat is staffed: 2 of 4 chats is half full, not 2/4 spread over five channels.
        Assert.Equal(0.5, CapacityRules.Occupancy(new() { Chat = 4 }, new() { Chat = 2 }));
    }

    [Fact]
    public void Occupancy_LoadOnUnstaffedChannel_Ignored() =>
        Assert.Equal(0.0, CapacityRules.Occupancy(new() { Chat = 2 }, new() { Voice = 1 }));

    [Fact]
    public void Occupancy_OverloadedChannel_CountsAsFullOnly() =>
        Assert.Equal(0.5, CapacityRules.Occupancy(new() { Chat = 2, Email = 2 }, new() { Chat = 5 }));

    [Fact]
    public void Occupancy_NoCapacityAtAll_One() =>
        Assert.Equal(1.0, CapacityRules.Occupancy(ChannelCounts.Zero, ChannelCounts.Zero));

    [Fact]
    public void Occupancy_NullCounts_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => CapacityRules.Occupancy(null!, ChannelCounts.Zero));
        Assert.Throws<ArgumentNullException>(() => CapacityRules.Occupancy(Capacity, null!));
    }
}
