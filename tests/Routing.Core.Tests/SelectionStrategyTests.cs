using Xunit;

namespace Routing.Core.Tests;

public sealed class SelectionStrategyTests
{
    [Fact]
    public void Default_LongestIdle() => Assert.Equal(SelectionStrategy.LongestIdle, default(SelectionStrategy));

    [Fact]
    public void Default_SelectorWithDefaultStrategy_PicksLongestIdle()
    {
        var selector = new AgentSelector(default);

        var chosen = selector.Select(
            [TestData.Agent("a", idleSeconds: 10), TestData.Agent("b", idleSeconds: 600), TestData.Agent("c", idleSeconds: 60)],
            []);

        Assert.Equal("b", chosen?.AgentId);
    }
}
