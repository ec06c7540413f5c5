using Xunit;
using static Routing.Core.Tests.TestData;

namespace Routing.Core.Tests;

public sealed class WaitingEntryEligibilityTests
{
    private static WaitingEntry Escalating() => Entry("i-1", requirements: Requires(("sales", 4))) with
    {
        Stages = SkillEscalation.Stages(Requires(("sales", 4)), [], [new EscalationStep { After = TimeSpan.FromSeconds(20), Relax = Requires(("sales", 1)) }]),
    };

    [Fact]
    public void IsEligible_LowerLevelAgent_OnlyAfterTheStepTime()
    {
        var entry = Escalating();
        var junior = Skills(("sales", 1));

        Assert.False(entry.IsEligible("junior", junior, Now.AddSeconds(19)));
        Assert.True(entry.IsEligible("junior", junior, Now.AddSeconds(20)));
    }

    [Fact]
    public void IsEligible_PreferredAgentWaiting_OnlyThatAgentUntilTheWaitEnds()
    {
        var entry = Entry("i-1") with { PreferredAgentId = "ann", PreferredUntil = Now.AddSeconds(10) };

        Assert.True(entry.IsEligible("ann", SkillSet.Empty, Now));
        Assert.False(entry.IsEligible("bob", SkillSet.Empty, Now.AddSeconds(9)));
        Assert.True(entry.IsEligible("bob", SkillSet.Empty, Now.AddSeconds(10)));
    }

    [Fact]
    public void WithExclusion_OfPreferredAgent_EndsThePreference()
    {
        var entry = Entry("i-1") with { PreferredAgentId = "ann", PreferredUntil = Now.AddSeconds(10) };

        var excluded = entry.WithExclusion("ann", Now.AddSeconds(30), Now);

        Assert.Null(excluded.PreferredAgentId);
        Assert.True(excluded.IsEligible("bob", SkillSet.Empty, Now));
        Assert.False(excluded.IsEligible("ann", SkillSet.Empty, Now));
    }

    [Fact]
    public void NextChange_StepExclusionAndPreference_EarliestStillAhead()
    {
        var entry = Escalating() with
        {
            Exclusions = [new AgentExclusion("bob", Now.AddSeconds(25))],
            PreferredAgentId = "ann",
            PreferredUntil = Now.AddSeconds(5),
        };

        Assert.Equal(Now.AddSeconds(5), entry.NextChange(Now));
        Assert.Equal(Now.AddSeconds(20), entry.NextChange(Now.AddSeconds(5)));
        Assert.Equal(Now.AddSeconds(25), entry.NextChange(Now.AddSeconds(20)));
        Assert.Null(entry.NextChange(Now.AddSeconds(25)));
    }
}
