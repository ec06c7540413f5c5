using Xunit;
using static Routing.Core.Tests.TestData;

namespace Routing.Core.Tests;

public sealed class AgentCandidateTests
{
    [Fact]
    public void IsAvailable_NoFreeChannel_False() => Assert.False(Agent("a", freeChannels: []).IsAvailable);

    [Fact]
    public void IsAvailable_AnyFreeChannel_True() => Assert.True(Agent("a", freeChannels: [Channel.Email]).IsAvailable);

    [Theory]
    [InlineData(Channel.Chat, true)]
    [InlineData(Channel.Email, true)]
    [InlineData(Channel.Voice, false)]
    [InlineData(Channel.Callback, false)]
    public void HasFree_Channel_TrueOnlyForListedChannels(Channel channel, bool expected) =>
        Assert.Equal(expected, Agent("a", freeChannels: [Channel.Chat, Channel.Email]).HasFree(channel));

    [Fact]
    public void HasFree_NotAvailable_FalseForEveryChannel() =>
        Assert.All(Enum.GetValues<Channel>(), c => Assert.False(Agent("a", freeChannels: []).HasFree(c)));
}
