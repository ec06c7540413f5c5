using Xunit;
using static Routing.Core.Tests.TestData;

namespace Routing.Core.Tests;

public sealed class SkillSetTests
{
    [Fact]
    public void Constructor_SameSkillInDifferentCase_OneLowerCaseEntryAtHighestLevel()
    {
        var skills = Skills(("Lang.FR", 2), ("lang.fr", 4), ("LANG.fr", 3));

        var level = Assert.Single(skills.Levels);
        Assert.Equal(new SkillLevel("lang.fr", 4), level);
    }

    [Fact]
    public void Constructor_HighestLevelGivenFirst_KeepsHighest()
    {
        var skills = Skills(("billing", 5), ("Billing", 1));

        Assert.Equal(5, skills.LevelOf("billing"));
    }

    [Fact]
    public void Constructor_SeveralSkills_SortedByNameOrdinal()
    {
        var skills = Skills(("Sales", 1), ("billing", 2), ("API", 3), ("lang.fr", 4));

        Assert.Equal(["api", "billing", "lang.fr", "sales"], skills.Levels.Select(l => l.Skill));
        Assert.Equal([3, 2, 4, 1], skills.Levels.Select(l => l.Level));
    }

    [Fact]
    public void Constructor_Null_Throws() => Assert.Throws<ArgumentNullException>(() => new SkillSet(null!));

    [Fact]
    public void Empty_HasNoSkills()
    {
        Assert.Empty(SkillSet.Empty.Levels);
        Assert.Equal(0, SkillSet.Empty.LevelOf("billing"));
    }

    [Theory]
    [InlineData("billing")]
    [InlineData("BILLING")]
    [InlineData("Billing")]
    public void LevelOf_AnyCase_ReturnsLevel(string skill) =>
        Assert.Equal(3, Skills(("Billing", 3)).LevelOf(skill));

    [Fact]
    public void LevelOf_MissingSkill_Zero() => Assert.Equal(0, Skills(("billing", 3)).LevelOf("sales"));

    [Theory]
    [InlineData(2, 3, false)]
    [InlineData(3, 3, true)]
    [InlineData(4, 3, true)]
    [InlineData(1, 1, true)]
    [InlineData(5, 5, true)]
    [InlineData(4, 5, false)]
    public void Satisfies_AgentLevelAgainstMinimum_MetAtOrAbove(int agentLevel, int minimumLevel, bool expected)
    {
        var skills = Skills(("billing", agentLevel));

        Assert.Equal(expected, skills.Satisfies(Requires(("billing", minimumLevel))));
    }

    [Fact]
    public void Satisfies_MissingSkill_False() =>
        Assert.False(Skills(("billing", 5)).Satisfies(Requires(("lang.fr", 1))));

    [Fact]
    public void Satisfies_EmptyRequirements_TrueEvenWithoutSkills()
    {
        Assert.True(SkillSet.Empty.Satisfies([]));
        Assert.True(Skills(("billing", 2)).Satisfies([]));
    }

    [Fact]
    public void Satisfies_EveryRequirementMet_True() =>
        Assert.True(Skills(("billing", 3), ("lang.fr", 4)).Satisfies(Requires(("billing", 2), ("lang.fr", 4))));

    [Fact]
    public void Satisfies_OneRequirementUnmet_False() =>
        Assert.False(Skills(("billing", 3), ("lang.fr", 2)).Satisfies(Requires(("billing", 2), ("lang.fr", 3))));

    [Fact]
    public void Satisfies_RequirementInDifferentCase_True() =>
        Assert.True(Skills(("lang.fr", 3)).Satisfies(Requires(("LANG.FR", 3))));

    [Fact]
    public void Satisfies_Null_Throws() => Assert.Throws<ArgumentNullException>(() => SkillSet.Empty.Satisfies(null!));

    [Fact]
    public void MatchScore_SumsAgentLevelsInRequiredSkillsOnly()
    {
        var skills = Skills(("billing", 3), ("lang.fr", 4), ("sales", 5));

        Assert.Equal(7, skills.MatchScore(Requires(("billing", 1), ("LANG.FR", 1))));
    }

    [Fact]
    public void MatchScore_MissingRequiredSkill_CountsZero()
    {
        var skills = Skills(("billing", 3));

        Assert.Equal(3, skills.MatchScore(Requires(("billing", 1), ("lang.es", 2))));
    }

    [Fact]
    public void MatchScore_UsesAgentLevelNotMinimum() =>
        Assert.Equal(5, Skills(("billing", 5)).MatchScore(Requires(("billing", 1))));

    [Fact]
    public void MatchScore_NoRequirements_Zero() => Assert.Equal(0, Skills(("billing", 5)).MatchScore([]));

    [Fact]
    public void MatchScore_Null_Throws() => Assert.Throws<ArgumentNullException>(() => SkillSet.Empty.MatchScore(null!));

    [Fact]
    public void ToString_ListsSkillsInOrderWithLevels() =>
        Assert.Equal("billing:3,lang.fr:4", Skills(("Lang.Fr", 4), ("billing", 3)).ToString());
}
