using Xunit;
using static Routing.Core.Tests.TestData;

namespace Routing.Core.Tests;

public sealed class AgentSelectorTests
{
    private static readonly SkillRequirement[] NoRequirements = [];

    private static string? Pick(SelectionStrategy strategy, params AgentCandidate[] eligible) =>
        new AgentSelector(strategy).Select(eligible, NoRequirements)?.AgentId;

    [Fact]
    public void Constructor_Strategy_Kept()
    {
        var selector = new AgentSelector(SelectionStrategy.LeastOccupied);

        Assert.Equal(SelectionStrategy.LeastOccupied, selector.Strategy);
        Assert.Null(selector.LastChosen);
    }

    [Theory]
    [InlineData(SelectionStrategy.LongestIdle)]
    [InlineData(SelectionStrategy.MostSkilled)]
    [InlineData(SelectionStrategy.LeastOccupied)]
    [InlineData(SelectionStrategy.FewestInteractionsToday)]
    [InlineData(SelectionStrategy.RoundRobin)]
    [InlineData(SelectionStrategy.Random)]
    public void Select_NoEligibleAgent_NullAndCursorKept(SelectionStrategy strategy)
    {
        var selector = new AgentSelector(strategy, new Random(1)) { LastChosen = "agent-b" };

        Assert.Null(selector.Select([], NoRequirements));
        Assert.Equal("agent-b", selector.LastChosen);
    }

    [Theory]
    [InlineData(SelectionStrategy.LongestIdle)]
    [InlineData(SelectionStrategy.MostSkilled)]
    [InlineData(SelectionStrategy.LeastOccupied)]
    [InlineData(SelectionStrategy.FewestInteractionsToday)]
    [InlineData(SelectionStrategy.RoundRobin)]
    [InlineData(SelectionStrategy.Random)]
    public void Select_AnyStrategy_RemembersChosenAgent(SelectionStrategy strategy)
    {
        var selector = new AgentSelector(strategy, new Random(1));

        var chosen = selector.Select([Agent("a", 10), Agent("b", 20), Agent("c", 30)], NoRequirements);

        Assert.NotNull(chosen);
        Assert.Equal(chosen.AgentId, selector.LastChosen);
    }

    [Fact]
    public void Select_NullArguments_Throw()
    {
        var selector = new AgentSelector(SelectionStrategy.LongestIdle);

        Assert.Throws<ArgumentNullException>(() => selector.Select(null!, NoRequirements));
        Assert.Throws<ArgumentNullException>(() => selector.Select([Agent("a")], null!));
    }

    [Fact]
    public void Select_UnknownStrategy_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new AgentSelector((SelectionStrategy)99).Select([Agent("a")], NoRequirements));

    [Fact]
    public void Select_SingleCandidate_ChosenByEveryStrategy()
    {
        foreach (var strategy in Enum.GetValues<SelectionStrategy>())
        {
            Assert.Equal("only", Pick(strategy, Agent("only")));
        }
    }

    [Fact]
    public void LongestIdle_EarliestIdleSinceWins() =>
        Assert.Equal("b", Pick(SelectionStrategy.LongestIdle, Agent("a", 60), Agent("b", 300), Agent("c", 120)));

    [Fact]
    public void LongestIdle_IgnoresOtherCriteria() =>
        Assert.Equal("idle-long", Pick(
            SelectionStrategy.LongestIdle,
            Agent("busy-ish", 10, occupancy: 0, interactionsToday: 0),
            Agent("idle-long", 500, occupancy: 0.9, interactionsToday: 80)));

    [Fact]
    public void LongestIdle_IdleSinceInDifferentOffsets_ComparesInstants()
    {
        // 10:00 at +02:00 is 08:00 UTC: idle longer than since 09:00 UTC.
        var a = Agent("a") with { IdleSince = new DateTimeOffset(2025, 3, 14, 10, 0, 0, TimeSpan.FromHours(2)) };
        var b = Agent("b") with { IdleSince = new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero) };

        Assert.Equal("a", Pick(SelectionStrategy.LongestIdle, b, a));
    }

    [Fact]
    public void LongestIdle_EqualIdleSince_SmallestIdOrdinal() =>
        Assert.Equal("B", Pick(SelectionStrategy.LongestIdle, Agent("b", 60), Agent("a", 60), Agent("B", 60)));

    [Fact]
    public void MostSkilled_HighestSumOfRequiredLevelsWins()
    {
        var requirements = Requires(("billing", 1), ("lang.fr", 1));
        var selector = new AgentSelector(SelectionStrategy.MostSkilled);

        var chosen = selector.Select(
            [
                Agent("a", 900, skills: Skills(("billing", 2), ("lang.fr", 3))),
                Agent("b", 10, skills: Skills(("billing", 5), ("lang.fr", 1), ("sales", 1))),
                Agent("c", 500, skills: Skills(("billing", 4), ("sales", 5))),
            ],
            requirements);

        Assert.Equal("b", chosen?.AgentId);
    }

    [Fact]
    public void MostSkilled_EqualMatch_LongestIdleThenId()
    {
        var requirements = Requires(("billing", 1));
        var selector = new AgentSelector(SelectionStrategy.MostSkilled);

        var byIdle = selector.Select(
            [Agent("a", 10, skills: Skills(("billing", 4))), Agent("b", 90, skills: Skills(("billing", 4))), Agent("c", 900, skills: Skills(("billing", 3)))],
            requirements);
        var byId = selector.Select(
            [Agent("y", 90, skills: Skills(("billing", 4))), Agent("x", 90, skills: Skills(("billing", 4)))],
            requirements);

        Assert.Equal("b", byIdle?.AgentId);
        Assert.Equal("x", byId?.AgentId);
    }

    [Fact]
    public void MostSkilled_NoRequirements_FallsBackToLongestIdle() =>
        Assert.Equal("a", Pick(
            SelectionStrategy.MostSkilled,
            Agent("b", 10, skills: Skills(("billing", 5))),
            Agent("a", 60)));

    [Fact]
    public void LeastOccupied_LowestOccupancyWins() =>
        Assert.Equal("c", Pick(
            SelectionStrategy.LeastOccupied,
            Agent("a", 900, occupancy: 0.5),
            Agent("b", 10, occupancy: 1.0),
            Agent("c", 10, occupancy: 0.2)));

    [Fact]
    public void LeastOccupied_EqualOccupancy_LongestIdleThenId()
    {
        Assert.Equal("b", Pick(SelectionStrategy.LeastOccupied, Agent("a", 10, occupancy: 0.4), Agent("b", 20, occupancy: 0.4), Agent("c", 99, occupancy: 0.5)));
        Assert.Equal("a", Pick(SelectionStrategy.LeastOccupied, Agent("b", 20, occupancy: 0.4), Agent("a", 20, occupancy: 0.4)));
    }

    [Fact]
    public void FewestInteractionsToday_LowestCountWins() =>
        Assert.Equal("b", Pick(
            SelectionStrategy.FewestInteractionsToday,
            Agent("a", 900, interactionsToday: 12),
            Agent("b", 5, interactionsToday: 3),
            Agent("c", 60, interactionsToday: 7)));

    [Fact]
    public void FewestInteractionsToday_EqualCount_LongestIdleThenId()
    {
        Assert.Equal("c", Pick(SelectionStrategy.FewestInteractionsToday, Agent("a", 10, interactionsToday: 2), Agent("c", 50, interactionsToday: 2), Agent("b", 90, interactionsToday: 3)));
        Assert.Equal("a", Pick(SelectionStrategy.FewestInteractionsToday, Agent("c", 50, interactionsToday: 2), Agent("a", 50, interactionsToday: 2)));
    }

    [Fact]
    public void RoundRobin_NothingChosenYet_SmallestIdFirst() =>
        Assert.Equal("a", Pick(SelectionStrategy.RoundRobin, Agent("c", 900), Agent("a"), Agent("b", 300)));

    [Fact]
    public void RoundRobin_Repeated_EachAgentInTurnThenWraps()
    {
        var selector = new AgentSelector(SelectionStrategy.RoundRobin);
        AgentCandidate[] eligible = [Agent("c"), Agent("a"), Agent("b")];

        var picks = Enumerable.Range(0, 7).Select(_ => selector.Select(eligible, NoRequirements)?.AgentId);

        Assert.Equal(["a", "b", "c", "a", "b", "c", "a"], picks);
    }

    [Theory]
    [InlineData("a", "c")]
    [InlineData("b", "c")]
    [InlineData("c", "e")]
    [InlineData("d", "e")]
    [InlineData("e", "a")]
    [InlineData("z", "a")]
    public void RoundRobin_AfterLastChosen_NextIdUpOrWrapsToSmallest(string lastChosen, string expected)
    {
        var selector = new AgentSelector(SelectionStrategy.RoundRobin) { LastChosen = lastChosen };

        var chosen = selector.Select([Agent("e"), Agent("a"), Agent("c")], NoRequirements);

        Assert.Equal(expected, chosen?.AgentId);
    }

    [Fact]
    public void RoundRobin_LastChosenOnlyCandidate_ChosenAgain()
    {
        var selector = new AgentSelector(SelectionStrategy.RoundRobin) { LastChosen = "a" };

        Assert.Equal("a", selector.Select([Agent("a")], NoRequirements)?.AgentId);
    }

    [Fact]
    public void RoundRobin_IdsCompareOrdinal_UpperCaseBeforeLowerCase()
    {
        var selector = new AgentSelector(SelectionStrategy.RoundRobin) { LastChosen = "Z" };

        Assert.Equal("a", selector.Select([Agent("b"), Agent("a"), Agent("Z"), Agent("A")], NoRequirements)?.AgentId);
    }

    [Fact]
    public void RoundRobin_IgnoresIdleTime() =>
        Assert.Equal("a", Pick(SelectionStrategy.RoundRobin, Agent("b", 9000), Agent("a", 0)));

    [Fact]
    public void RoundRobin_ContinuesAfterAgentChosenByAnotherSelection()
    {
        // The cursor is the last agent chosen, whichever candidates were eligible then.
        var selector = new AgentSelector(SelectionStrategy.RoundRobin);
        Assert.Equal("b", selector.Select([Agent("b"), Agent("d")], NoRequirements)?.AgentId);

        Assert.Equal("c", selector.Select([Agent("a"), Agent("c"), Agent("d")], NoRequirements)?.AgentId);
    }

    [Theory]
    [InlineData(SelectionStrategy.LongestIdle)]
    [InlineData(SelectionStrategy.MostSkilled)]
    [InlineData(SelectionStrategy.LeastOccupied)]
    [InlineData(SelectionStrategy.FewestInteractionsToday)]
    [InlineData(SelectionStrategy.RoundRobin)]
    public void Select_DeterministicStrategy_MatchesReferenceWhateverTheInputOrder(SelectionStrategy strategy)
    {
        var random = new Random(1234 + (int)strategy);
        var requirements = Requires(("billing", 1), ("lang.fr", 1));
        string[] ids = ["a", "b", "c", "d", "A", "B", "C", "agent-1", "agent-10", "agent-2"];
        for (var round = 0; round < 200; round++)
        {
            // Few distinct values per criterion, so ties (and the tie breakers) are common.
            var candidates = ids
                .OrderBy(_ => random.Next())
                .Take(random.Next(1, ids.Length + 1))
                .Select(id => Agent(
                    id,
                    idleSeconds: 60 * random.Next(0, 3),
                    occupancy: random.Next(0, 3) / 2.0,
                    interactionsToday: random.Next(0, 3),
                    skills: Skills(("billing", random.Next(1, 3)), ("lang.fr", random.Next(1, 3)))))
                .ToList();
            var lastChosen = random.Next(4) == 0 ? null : ids[random.Next(ids.Length)];
            var expected = Reference(strategy, candidates, requirements, lastChosen);

            for (var shuffle = 0; shuffle < 10; shuffle++)
            {
                var shuffled = candidates.OrderBy(_ => random.Next()).ToArray();
                var selector = new AgentSelector(strategy) { LastChosen = lastChosen };

                var chosen = selector.Select(shuffled, requirements);

                Assert.Same(expected, chosen);
            }
        }
    }

    [Fact]
    public void Random_Seeded_PicksOnlyEligibleAndCoversAll()
    {
        var requirements = Requires(("billing", 3));
        var entry = Entry("i-1", requirements: requirements).WithExclusion("excluded", Now.AddMinutes(1), Now);
        AgentCandidate[] pool =
        [
            Agent("expert", skills: Skills(("billing", 5))),
            Agent("novice", skills: Skills(("billing", 1))),
            Agent("enough", skills: Skills(("billing", 3))),
            Agent("excluded", skills: Skills(("billing", 5))),
            Agent("linguist", skills: Skills(("lang.fr", 5))),
            Agent("good", skills: Skills(("Billing", 4))),
        ];
        var eligible = pool.Where(a => entry.IsEligible(a.AgentId, a.Skills, Now)).ToArray();
        Assert.Equal(["expert", "enough", "good"], eligible.Select(a => a.AgentId));
        var selector = new AgentSelector(SelectionStrategy.Random, new Random(42));
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);

        for (var draw = 0; draw < 3000; draw++)
        {
            var chosen = selector.Select(eligible, requirements);
            Assert.NotNull(chosen);
            Assert.Contains(chosen, eligible);
            Assert.Equal(chosen.AgentId, selector.LastChosen);
            counts[chosen.AgentId] = counts.GetValueOrDefault(chosen.AgentId) + 1;
        }

        Assert.Equal(["enough", "expert", "good"], counts.Keys.Order(StringComparer.Ordinal));
        Assert.All(counts.Values, n => Assert.InRange(n, 800, 1200));
    }

    [Fact]
    public void Random_SameSeed_SameSequence()
    {
        AgentCandidate[] eligible = [Agent("a"), Agent("b"), Agent("c"), Agent("d")];
        var first = new AgentSelector(SelectionStrategy.Random, new Random(99));
        var second = new AgentSelector(SelectionStrategy.Random, new Random(99));

        var firstPicks = Enumerable.Range(0, 50).Select(_ => first.Select(eligible, NoRequirements)?.AgentId).ToArray();
        var secondPicks = Enumerable.Range(0, 50).Select(_ => second.Select(eligible, NoRequirements)?.AgentId).ToArray();

        Assert.Equal(firstPicks, secondPicks);
        Assert.True(firstPicks.Distinct().Count() > 1);
    }

    [Fact]
    public void Random_NoRandomGiven_StillPicksAnEligibleAgent()
    {
        AgentCandidate[] eligible = [Agent("a"), Agent("b")];
        var selector = new AgentSelector(SelectionStrategy.Random);

        for (var draw = 0; draw < 20; draw++)
        {
            Assert.Contains(selector.Select(eligible, NoRequirements), eligible);
        }
    }

    /// <summary>What each strategy should choose, written independently of the selector.</summary>
    private static AgentCandidate Reference(
        SelectionStrategy strategy,
        IReadOnlyList<AgentCandidate> candidates,
        IReadOnlyList<SkillRequirement> requirements,
        string? lastChosen)
    {
        if (strategy == SelectionStrategy.RoundRobin)
        {
            var byId = candidates.OrderBy(c => c.AgentId, StringComparer.Ordinal).ToList();
            return byId.FirstOrDefault(c => lastChosen is not null && string.CompareOrdinal(c.AgentId, lastChosen) > 0) ?? byId[0];
        }
        IOrderedEnumerable<AgentCandidate> ordered = strategy switch
        {
            SelectionStrategy.LongestIdle => candidates.OrderBy(_ => 0),
            SelectionStrategy.MostSkilled => candidates.OrderByDescending(c => c.Skills.MatchScore(requirements)),
            SelectionStrategy.LeastOccupied => candidates.OrderBy(c => c.Occupancy),
            SelectionStrategy.FewestInteractionsToday => candidates.OrderBy(c => c.InteractionsToday),
            _ => throw new ArgumentOutOfRangeException(nameof(strategy)),
        };
        return ordered
            .ThenBy(c => c.IdleSince.UtcTicks)
            .ThenBy(c => c.AgentId, StringComparer.Ordinal)
            .First();
    }
}
