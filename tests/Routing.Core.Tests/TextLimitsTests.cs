using Routing.Core.Hours;
using Xunit;

namespace Routing.Core.Tests;

public sealed class TextLimitsTests
{
    [Fact]
    public void Problem_NameAtTheLimit_Null() =>
        Assert.Null(TextLimits.Problem("queue name", new string('n', TextLimits.MaxNameLength), TextLimits.MaxNameLength));

    [Fact]
    public void Problem_NullText_Null() =>
        Assert.Null(TextLimits.Problem("queue name", null, TextLimits.MaxNameLength));

    [Fact]
    public void Problem_SixtyThousandCharacterName_NamesLengthAndLimitWithoutEchoingTheText()
    {
        var problem = TextLimits.Problem("queue name", new string('n', 60_000), TextLimits.MaxNameLength);

        Assert.NotNull(problem);
        Assert.Contains("60000 characters", problem, StringComparison.Ordinal);
        Assert.Contains($"at most {TextLimits.MaxNameLength}", problem, StringComparison.Ordinal);
        Assert.True(problem.Length < 100, problem);
    }

    [Fact]
    public void Shown_OverLongId_ShortPrefix()
    {
        var shown = EntityId.Shown(new string('q', 60_000));

        Assert.Equal(new string('q', 16) + "…", shown);
    }

    [Fact]
    public void Shown_ValidId_Unchanged() => Assert.Equal("sales", EntityId.Shown("sales"));

    [Fact]
    public void Problem_TwentyNineMegabyteTenantId_MessageStaysShort()
    {
        var problem = EntityId.Problem("tenant", new string('t', 29_000_000));

        Assert.NotNull(problem);
        Assert.True(problem.Length < 100, problem);
    }

    [Fact]
    public void BusinessScheduleProblems_ExceptionNameOverLimit_Reported()
    {
        var hours = new BusinessHours
        {
            Exceptions = [new DatedHours { Date = new DateOnly(2026, 12, 25), Name = new string('x', TextLimits.MaxNameLength + 1) }],
        };

        var problem = Assert.Single(BusinessSchedule.Problems(hours, "queue 'sales'"));

        Assert.Contains("2026-12-25", problem, StringComparison.Ordinal);
        Assert.Contains($"at most {TextLimits.MaxNameLength}", problem, StringComparison.Ordinal);
    }
}
