using Xunit;
using static Routing.Core.Tests.TestData;

namespace Routing.Core.Tests;

public sealed class AvailableAgentsTests
{
    [Fact]
    public void Set_SameAgentAgain_ReplacesItInBothOrders()
    {
        var available = new AvailableAgents();
        available.Set(Agent("a", idleSeconds: 10));
        available.Set(Agent("b", idleSeconds: 20));

        available.Set(Agent("b", idleSeconds: 0));

        Assert.Equal(2, available.Count);
        Assert.Equal(["a", "b"], available.LongestIdleFirst.Select(a => a.AgentId));
        Assert.Equal(Now, available.All.Single(a => a.AgentId == "b").IdleSince);
    }

    [Fact]
    public void LongestIdleFirst_EqualIdle_OrdinalIdBreaksTie()
    {
        var available = new AvailableAgents();
        foreach (var id in new[] { "c", "B", "a" })
        {
            available.Set(Agent(id, idleSeconds: 5));
        }

        Assert.Equal(["B", "a", "c"], available.LongestIdleFirst.Select(a => a.AgentId));
    }

    [Fact]
    public void Remove_UnknownAndKnown_OnlyKnownRemoved()
    {
        var available = new AvailableAgents();
        available.Set(Agent("a"));

        Assert.False(available.Remove("nobody"));
        Assert.True(available.Remove("a"));
        Assert.Equal(0, available.Count);
        Assert.Empty(available.LongestIdleFirst);
    }

    /// <summary>The indexed choice must be exactly the choice over the filtered list, for every strategy,
    /// with agents coming, going and changing (random but seeded).</summary>
    [Theory]
    [InlineData(SelectionStrategy.LongestIdle)]
    [InlineData(SelectionStrategy.MostSkilled)]
    [InlineData(SelectionStrategy.LeastOccupied)]
    [InlineData(SelectionStrategy.FewestInteractionsToday)]
    [InlineData(SelectionStrategy.RoundRobin)]
    public void Select_FromIndex_SameChoiceAsFromFilteredList(SelectionStrategy strategy)
    {
        var random = new Random(7);
        var available = new AvailableAgents();
        var indexed = new AgentSelector(strategy);
        var listed = new AgentSelector(strategy);
        var requirements = Requires(("french", 3));
        for (var round = 0; round < 2_000; round++)
        {
            var id = $"agent-{random.Next(300)}";
            if (random.Next(4) == 0)
            {
                available.Remove(id);
            }
            else
            {
                available.Set(Agent(id, idleSeconds: random.Next(50), occupancy: random.Next(4) / 4.0,
                    interactionsToday: random.Next(10), skills: Skills(("french", random.Next(1, 6)))));
            }
            bool Eligible(AgentCandidate a) => a.Skills.Satisfies(requirements) && a.AgentId.Length % 3 != round % 3;

            var fromIndex = indexed.Select(available, Eligible, requirements);
            var fromList = listed.Select([.. available.All.Where(Eligible)], requirements);

            Assert.Equal(fromList?.AgentId, fromIndex?.AgentId);
        }
    }
}
