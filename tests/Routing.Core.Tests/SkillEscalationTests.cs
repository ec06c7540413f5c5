using Xunit;
using static Routing.Core.Tests.TestData;

namespace Routing.Core.Tests;

public sealed class SkillEscalationTests
{
    private static readonly EscalationStep[] Steps =
    [
        new() { After = TimeSpan.FromSeconds(30), Relax = Requires(("sales", 2)) },
        new() { After = TimeSpan.FromSeconds(60), Drop = ["lang.fr"], AlsoEligible = Requires(("backup", 1)) },
    ];

    private static EligibilityStage[] SalesInFrench() =>
        SkillEscalation.Stages(Requires(("sales", 4)), Requires(("lang.fr", 3)), Steps);

    [Fact]
    public void Stages_NoSteps_OneStageWithQueueAndInteractionSkillsMerged()
    {
        var stage = Assert.Single(SkillEscalation.Stages(Requires(("sales", 2), ("lang.fr", 1)), Requires(("LANG.FR", 3)), []));

        Assert.Equal(TimeSpan.Zero, stage.From);
        Assert.Equal(2, stage.Requirements.Length);
        Assert.Equal(3, stage.Requirements.Single(r => r.Skill.Equals("lang.fr", StringComparison.OrdinalIgnoreCase)).MinimumLevel);
        Assert.Empty(stage.Groups);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(29.9, false)]
    [InlineData(30, true)]
    [InlineData(600, true)]
    public void InForce_RelaxStep_LowerLevelAgentQualifiesFromItsTime(double waitedSeconds, bool admitted)
    {
        var stage = SkillEscalation.InForce(SalesInFrench(), TimeSpan.FromSeconds(waitedSeconds));

        Assert.Equal(admitted, stage.Admits(Skills(("sales", 2), ("lang.fr", 3))));
        Assert.False(stage.Admits(Skills(("sales", 1), ("lang.fr", 3))));
    }

    [Fact]
    public void InForce_DropStep_LanguageNoLongerNeededAfterIt()
    {
        var englishSpeaker = Skills(("sales", 4), ("lang.en", 5));

        Assert.False(SkillEscalation.InForce(SalesInFrench(), TimeSpan.FromSeconds(59)).Admits(englishSpeaker));
        Assert.True(SkillEscalation.InForce(SalesInFrench(), TimeSpan.FromSeconds(60)).Admits(englishSpeaker));
    }

    [Fact]
    public void InForce_AlsoEligibleGroup_AgentWithoutQueueSkillQualifiesOnlyFromItsStep()
    {
        var backup = Skills(("backup", 1));

        Assert.False(SkillEscalation.InForce(SalesInFrench(), TimeSpan.FromSeconds(45)).Admits(backup));
        Assert.True(SkillEscalation.InForce(SalesInFrench(), TimeSpan.FromSeconds(60)).Admits(backup));
    }

    [Fact]
    public void Stages_AlsoEligibleGroup_KeepsInteractionsOwnSkillsAsRelaxed()
    {
        var steps = new EscalationStep[] { new() { After = TimeSpan.FromSeconds(10), AlsoEligible = Requires(("backup", 1)) } };
        var stages = SkillEscalation.Stages(Requires(("sales", 4)), Requires(("lang.fr", 3)), steps);
        var late = SkillEscalation.InForce(stages, TimeSpan.FromMinutes(5));

        Assert.False(late.Admits(Skills(("backup", 3))));
        Assert.True(late.Admits(Skills(("backup", 3), ("lang.fr", 3))));
    }

    [Fact]
    public void Relax_HigherLevelThanInForce_ChangesNothing()
    {
        var steps = new EscalationStep[] { new() { After = TimeSpan.FromSeconds(10), Relax = Requires(("sales", 5), ("other", 1)) } };
        var stages = SkillEscalation.Stages(Requires(("sales", 3)), [], steps);

        var relaxed = Assert.Single(stages[1].Requirements);
        Assert.Equal(new SkillRequirement("sales", 3), relaxed);
    }

    [Fact]
    public void Stages_StepsGivenOutOfOrder_AppliedInOrderOfTime()
    {
        var steps = new EscalationStep[]
        {
            new() { After = TimeSpan.FromSeconds(60), Relax = Requires(("sales", 1)) },
            new() { After = TimeSpan.FromSeconds(30), Relax = Requires(("sales", 3)) },
        };
        var stages = SkillEscalation.Stages(Requires(("sales", 5)), [], steps);

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)], stages.Select(s => s.From));
        Assert.Equal([5, 3, 1], stages.Select(s => s.Requirements.Single().MinimumLevel));
    }

    [Theory]
    [InlineData(0, 30.0)]
    [InlineData(30, 60.0)]
    [InlineData(59.5, 60.0)]
    [InlineData(60, null)]
    public void NextBoundary_OverTheWait_NextStepStartOrNone(double waitedSeconds, double? expectedSeconds)
    {
        var next = SkillEscalation.NextBoundary(SalesInFrench(), TimeSpan.FromSeconds(waitedSeconds));

        Assert.Equal(expectedSeconds is { } s ? TimeSpan.FromSeconds(s) : null, next);
    }

    [Fact]
    public void EverAdmits_AgentOnlyInLaterGroup_True()
    {
        Assert.True(SkillEscalation.EverAdmits(SalesInFrench(), Skills(("backup", 1))));
        Assert.False(SkillEscalation.EverAdmits(SalesInFrench(), Skills(("billing", 5))));
    }
}
