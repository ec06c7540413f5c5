using Routing.Core.Statistics;
using Xunit;

namespace Routing.Core.Tests.Statistics;

public sealed class EstimatedWaitTests
{
    private static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(seconds);

    [Theory]
    [InlineData(0, 1, 300, 300)]   // first in line, one agent: one handle time
    [InlineData(5, 3, 180, 360)]   // (5 + 1) × 180 ÷ 3
    [InlineData(2, 4, 100, 75)]    // (2 + 1) × 100 ÷ 4
    [InlineData(9, 20, 240, 120)]  // (9 + 1) × 240 ÷ 20
    public void ForNewArrival_PositionTimesHandleTimeOverAgents(int ahead, int agents, double handleSeconds, double expectedSeconds)
    {
        Assert.Equal(Seconds(expectedSeconds), EstimatedWait.ForNewArrival(ahead, agents, Seconds(handleSeconds), Seconds(42)));
    }

    [Fact]
    public void ForNewArrival_NoAgentStaffed_Unknown()
    {
        Assert.Null(EstimatedWait.ForNewArrival(3, 0, Seconds(180), Seconds(42)));
    }

    [Fact]
    public void ForNewArrival_HandleTimeUnknown_FallsBackToRecentSpeedOfAnswer()
    {
        Assert.Equal(Seconds(42), EstimatedWait.ForNewArrival(3, 2, null, Seconds(42)));
        Assert.Equal(Seconds(42), EstimatedWait.ForNewArrival(3, 2, TimeSpan.Zero, Seconds(42)));
        Assert.Null(EstimatedWait.ForNewArrival(3, 2, null, null));
    }

    [Fact]
    public void ForNewArrival_HugeLine_CappedAtMaxValue()
    {
        Assert.Equal(TimeSpan.MaxValue, EstimatedWait.ForNewArrival(int.MaxValue, 1, TimeSpan.FromDays(3650), null));
    }

    [Fact]
    public void ForNewArrival_NegativeCounts_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EstimatedWait.ForNewArrival(-1, 2, Seconds(180), null));
        Assert.Throws<ArgumentOutOfRangeException>(() => EstimatedWait.ForNewArrival(0, -2, Seconds(180), null));
    }
}
