using Xunit;
using static Routing.Core.Tests.TestData;

namespace Routing.Core.Tests;

public sealed class WaitingEntryTests
{
    [Fact]
    public void Exclusions_NotGiven_EmptyAndExcludesNobody()
    {
        var entry = new WaitingEntry
        {
            InteractionId = "i-1",
            Channel = Channel.Chat,
            Arrival = Now,
            Priority = 0,
            EffectiveArrival = Now,
            Requirements = [],
            Sequence = 1,
        };

        Assert.Empty(entry.Exclusions);
        Assert.False(entry.Excludes("agent-a", Now));
    }

    [Fact]
    public void Excludes_AgentBarredUntilLater_True()
    {
        var entry = Entry("i-1", exclusions: [new AgentExclusion("agent-a", Now.AddSeconds(30))]);

        Assert.True(entry.Excludes("agent-a", Now));
        Assert.True(entry.Excludes("agent-a", Now.AddSeconds(29)));
    }

    [Fact]
    public void Excludes_AtUntilExactly_False()
    {
        var entry = Entry("i-1", exclusions: [new AgentExclusion("agent-a", Now)]);

        Assert.False(entry.Excludes("agent-a", Now));
    }

    [Fact]
    public void Excludes_AfterUntil_False()
    {
        var entry = Entry("i-1", exclusions: [new AgentExclusion("agent-a", Now.AddSeconds(-1))]);

        Assert.False(entry.Excludes("agent-a", Now));
    }

    [Fact]
    public void Excludes_OtherAgent_False()
    {
        var entry = Entry("i-1", exclusions: [new AgentExclusion("agent-a", Now.AddMinutes(1))]);

        Assert.False(entry.Excludes("agent-b", Now));
    }

    [Fact]
    public void Excludes_AgentIdInDifferentCase_FalseBecauseIdsAreOrdinal()
    {
        var entry = Entry("i-1", exclusions: [new AgentExclusion("agent-a", Now.AddMinutes(1))]);

        Assert.False(entry.Excludes("AGENT-A", Now));
    }

    [Fact]
    public void WithExclusion_NewAgent_BarsItAndLeavesOriginalUntouched()
    {
        var original = Entry("i-1");

        var excluded = original.WithExclusion("agent-a", Now.AddSeconds(60), Now);

        Assert.True(excluded.Excludes("agent-a", Now.AddSeconds(59)));
        Assert.False(excluded.Excludes("agent-a", Now.AddSeconds(60)));
        Assert.Empty(original.Exclusions);
        Assert.False(original.Excludes("agent-a", Now));
    }

    [Fact]
    public void WithExclusion_KeepsEverythingElse()
    {
        var original = Queued("i-1", Now.AddSeconds(-40), 3, TimeSpan.FromSeconds(10), 17);

        var excluded = original.WithExclusion("agent-a", Now.AddSeconds(60), Now);

        Assert.Equal(original with { Exclusions = excluded.Exclusions }, excluded);
        Assert.Equal(original.EffectiveArrival, excluded.EffectiveArrival);
        Assert.Equal(original.Sequence, excluded.Sequence);
    }

    [Fact]
    public void WithExclusion_ExpiredExclusions_Dropped()
    {
        var entry = Entry("i-1", exclusions:
        [
            new AgentExclusion("agent-old", Now.AddSeconds(-1)),
            new AgentExclusion("agent-ending-now", Now),
            new AgentExclusion("agent-running", Now.AddSeconds(10)),
        ]);

        var excluded = entry.WithExclusion("agent-new", Now.AddSeconds(60), Now);

        Assert.Equal(
            [new AgentExclusion("agent-running", Now.AddSeconds(10)), new AgentExclusion("agent-new", Now.AddSeconds(60))],
            excluded.Exclusions);
    }

    [Fact]
    public void WithExclusion_SameAgentAgain_ReplacesPreviousExclusion()
    {
        var entry = Entry("i-1", exclusions: [new AgentExclusion("agent-a", Now.AddSeconds(10))]);

        var excluded = entry.WithExclusion("agent-a", Now.AddSeconds(60), Now);

        var exclusion = Assert.Single(excluded.Exclusions);
        Assert.Equal(new AgentExclusion("agent-a", Now.AddSeconds(60)), exclusion);
        Assert.True(excluded.Excludes("agent-a", Now.AddSeconds(30)));
    }

    [Fact]
    public void IsEligible_SkillsMetAndNotExcluded_True()
    {
        var entry = Entry("i-1", requirements: Requires(("billing", 3)));

        Assert.True(entry.IsEligible("agent-a", Skills(("billing", 3)), Now));
    }

    [Fact]
    public void IsEligible_SkillsBelowMinimum_False()
    {
        var entry = Entry("i-1", requirements: Requires(("billing", 3)));

        Assert.False(entry.IsEligible("agent-a", Skills(("billing", 2)), Now));
    }

    [Fact]
    public void IsEligible_ExcludedAgentWithSkills_False()
    {
        var entry = Entry("i-1", requirements: Requires(("billing", 1)))
            .WithExclusion("agent-a", Now.AddSeconds(30), Now);

        Assert.False(entry.IsEligible("agent-a", Skills(("billing", 5)), Now));
        Assert.True(entry.IsEligible("agent-b", Skills(("billing", 5)), Now));
    }

    [Fact]
    public void IsEligible_ExclusionOver_True()
    {
        var entry = Entry("i-1").WithExclusion("agent-a", Now.AddSeconds(30), Now);

        Assert.True(entry.IsEligible("agent-a", SkillSet.Empty, Now.AddSeconds(30)));
    }

    [Fact]
    public void IsEligible_NoRequirements_AgentWithoutSkillsTrue() =>
        Assert.True(Entry("i-1").IsEligible("agent-a", SkillSet.Empty, Now));

    [Fact]
    public void NextExclusionEnd_NoExclusions_Null() => Assert.Null(Entry("i-1").NextExclusionEnd(Now));

    [Fact]
    public void NextExclusionEnd_AllExpired_Null()
    {
        var entry = Entry("i-1", exclusions:
        [
            new AgentExclusion("agent-a", Now.AddSeconds(-5)),
            new AgentExclusion("agent-b", Now),
        ]);

        Assert.Null(entry.NextExclusionEnd(Now));
    }

    [Fact]
    public void NextExclusionEnd_SeveralRunning_EarliestRunningEnd()
    {
        var entry = Entry("i-1", exclusions:
        [
            new AgentExclusion("agent-a", Now.AddSeconds(90)),
            new AgentExclusion("agent-expired", Now.AddSeconds(-100)),
            new AgentExclusion("agent-b", Now.AddSeconds(20)),
            new AgentExclusion("agent-c", Now.AddSeconds(45)),
        ]);

        Assert.Equal(Now.AddSeconds(20), entry.NextExclusionEnd(Now));
        Assert.Equal(Now.AddSeconds(45), entry.NextExclusionEnd(Now.AddSeconds(20)));
        Assert.Null(entry.NextExclusionEnd(Now.AddSeconds(90)));
    }
}
