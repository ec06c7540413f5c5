using Xunit;

namespace Routing.Core.Tests;

public sealed class ChannelCountsTests
{
    private static readonly ChannelCounts Distinct = new() { Voice = 1, Chat = 2, Email = 3, Message = 4, Callback = 5 };

    [Theory]
    [InlineData(Channel.Voice, 1)]
    [InlineData(Channel.Chat, 2)]
    [InlineData(Channel.Email, 3)]
    [InlineData(Channel.Message, 4)]
    [InlineData(Channel.Callback, 5)]
    public void Indexer_EachChannel_ReturnsItsOwnCount(Channel channel, int expected) =>
        Assert.Equal(expected, Distinct[channel]);

    [Fact]
    public void Indexer_UnknownChannel_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Distinct[(Channel)99]);

    [Theory]
    [InlineData(Channel.Voice)]
    [InlineData(Channel.Chat)]
    [InlineData(Channel.Email)]
    [InlineData(Channel.Message)]
    [InlineData(Channel.Callback)]
    public void With_Channel_ChangesOnlyThatChannelAndLeavesOriginal(Channel channel)
    {
        var changed = Distinct.With(channel, 40);

        foreach (var other in Enum.GetValues<Channel>())
        {
            Assert.Equal(other == channel ? 40 : Distinct[other], changed[other]);
        }
        Assert.Equal(15, Distinct.Total);
        Assert.Equal((int)channel + 1, Distinct[channel]);
    }

    [Fact]
    public void With_UnknownChannel_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Distinct.With((Channel)99, 1));

    [Fact]
    public void Total_SumsEveryChannel() => Assert.Equal(15, Distinct.Total);

    [Fact]
    public void Zero_AllChannelsZero()
    {
        Assert.All(Enum.GetValues<Channel>(), c => Assert.Equal(0, ChannelCounts.Zero[c]));
        Assert.Equal(0, ChannelCounts.Zero.Total);
    }

    [Fact]
    public void DefaultCapacity_OneCallThreeChatsFiveEmailsThreeMessagesOneCallback()
    {
        var capacity = ChannelCounts.DefaultCapacity;

        Assert.Equal(1, capacity.Voice);
        Assert.Equal(3, capacity.Chat);
        Assert.Equal(5, capacity.Email);
        Assert.Equal(3, capacity.Message);
        Assert.Equal(1, capacity.Callback);
        Assert.Equal(13, capacity.Total);
    }

    [Fact]
    public void Equality_SameCounts_EqualWhicheverWayBuilt()
    {
        var built = ChannelCounts.Zero.With(Channel.Chat, 2).With(Channel.Voice, 1);

        Assert.Equal(new ChannelCounts { Voice = 1, Chat = 2 }, built);
        Assert.NotEqual(ChannelCounts.Zero, built);
    }

    [Fact]
    public void ToString_NamesEveryChannel() =>
        Assert.Equal("voice 1, chat 2, email 3, message 4, callback 5", Distinct.ToString());
}
