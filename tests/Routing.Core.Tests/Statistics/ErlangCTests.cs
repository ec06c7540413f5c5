using Routing.Core.Statistics;
using Xunit;

namespace Routing.Core.Tests.Statistics;

public sealed class ErlangCTests
{
    [Fact]
    public void ProbabilityOfWaiting_TwoErlangsThreeAgents_IsFourNinths()
    {
        // A = 2, N = 3, by the Erlang B recursion:
        //   B(1) = 2·1 / (1 + 2)           = 2/3
        //   B(2) = 2·(2/3) / (2 + 4/3)     = (4/3) / (10/3) = 2/5
        //   B(3) = 2·(2/5) / (3 + 4/5)     = (4/5) / (19/5) = 4/19
        //   C    = 3·(4/19) / (3 − 2·(15/19)) = (12/19) / (27/19) = 4/9 ≈ 0.4444
        Assert.Equal(4.0 / 9.0, ErlangC.ProbabilityOfWaiting(2, 3), 12);
    }

    [Fact]
    public void ProbabilityOfWaiting_OneErlangTwoAgents_IsOneThird()
    {
        // A = 1, N = 2: B(1) = 1/2, B(2) = (1/2) / (2 + 1/2) = 1/5,
        // C = 2·(1/5) / (2 − 1·(4/5)) = (2/5) / (6/5) = 1/3.
        // Cross-check with the M/M/2 closed form at utilisation ρ = A/N = 1/2: 2ρ² / (1 + ρ) = (1/2) / (3/2) = 1/3.
        Assert.Equal(1.0 / 3.0, ErlangC.ProbabilityOfWaiting(1, 2), 12);
    }

    [Fact]
    public void ServiceLevel_TwoErlangsThreeAgents_MatchesHandComputation()
    {
        // One call a minute, AHT 120 s: A = (1/60)·120 = 2 Erlangs; C = 4/9 (see above).
        // SL(20 s) = 1 − (4/9)·e^(−(3 − 2)·20/120) = 1 − 0.44444·e^(−1/6) = 1 − 0.44444·0.846482 = 0.623786.
        Assert.Equal(0.623786, ErlangC.ServiceLevel(1.0 / 60, 120, 3, 20), 6);
    }

    [Fact]
    public void AverageSpeedOfAnswer_TwoErlangsThreeAgents_MatchesHandComputation()
    {
        // ASA = C·AHT / (N − A) = (4/9)·120 / 1 = 160/3 ≈ 53.333 s.
        Assert.Equal(160.0 / 3.0, ErlangC.AverageSpeedOfAnswer(1.0 / 60, 120, 3), 9);
    }

    [Fact]
    public void ServiceLevel_ThresholdZero_IsShareNotWaiting()
    {
        // With t = 0 the exponential is 1: SL = 1 − C = 1 − 1/3 for A = 1, N = 2.
        Assert.Equal(2.0 / 3.0, ErlangC.ServiceLevel(1.0 / 60, 60, 2, 0), 12);
    }

    [Fact]
    public void AgentsNeeded_TextbookTwentyFourErlangs_TwentyNineAgentsForEightyTwenty()
    {
        // 360 calls an hour = 0.1 a second; AHT 240 s: A = 0.1·240 = 24 Erlangs. From the recursion
        // carried out in exact fractions (and the reference implementation below agrees):
        //   N = 28: C = 0.333139, SL = 1 − 0.333139·e^(−4·20/240) = 1 − 0.333139·0.716531 = 0.761296 (< 0.8)
        //   N = 29: C = 0.242274, SL = 1 − 0.242274·e^(−5·20/240) = 1 − 0.242274·0.659241 = 0.840283 (≥ 0.8)
        // so 29 agents are needed for 80 % in 20 s; ASA at 29 = 0.242274·240/5 = 11.63 s.
        Assert.Equal(0.333139, ErlangC.ProbabilityOfWaiting(24, 28), 6);
        Assert.Equal(0.242274, ErlangC.ProbabilityOfWaiting(24, 29), 6);
        Assert.Equal(0.761296, ErlangC.ServiceLevel(0.1, 240, 28, 20), 6);
        Assert.Equal(0.840283, ErlangC.ServiceLevel(0.1, 240, 29, 20), 6);
        Assert.Equal(11.629, ErlangC.AverageSpeedOfAnswer(0.1, 240, 29), 3);
        Assert.Equal(29, ErlangC.AgentsNeeded(0.1, 240, 0.8, 20));
    }

    [Fact]
    public void AgentsNeeded_HundredCallsInHalfAnHour_FourteenAgentsForEightyTwenty()
    {
        // The usual worked example: 100 calls in 30 minutes, AHT 180 s: A = (100/1800)·180 = 10 Erlangs.
        //   N = 13: C = 0.285270, SL = 1 − 0.285270·e^(−3·20/180) = 1 − 0.285270·0.716531 = 0.795595
        //   N = 14: C = 0.174132, SL = 1 − 0.174132·e^(−4·20/180) = 1 − 0.174132·0.641180 = 0.888350
        Assert.Equal(0.795595, ErlangC.ServiceLevel(100.0 / 1800, 180, 13, 20), 6);
        Assert.Equal(0.888350, ErlangC.ServiceLevel(100.0 / 1800, 180, 14, 20), 6);
        Assert.Equal(14, ErlangC.AgentsNeeded(100.0 / 1800, 180, 0.8, 20));
        Assert.Equal(13, ErlangC.AgentsNeeded(100.0 / 1800, 180, 0.79, 20));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1)]
    [InlineData(2.5)]
    [InlineData(10)]
    [InlineData(24)]
    [InlineData(37.5)]
    [InlineData(52)]
    public void ProbabilityOfWaiting_AgreesWithFactorialReference_UpToSixtyAgents(double traffic)
    {
        for (var agents = (int)Math.Floor(traffic) + 1; agents <= 60; agents++)
        {
            var expected = ReferenceErlangC(traffic, agents);
            Assert.Equal(expected, ErlangC.ProbabilityOfWaiting(traffic, agents), 1e-12);
        }
    }

    [Theory]
    [InlineData(0.1, 240, 0.8, 20)]
    [InlineData(0.05, 300, 0.9, 30)]
    [InlineData(0.2, 180, 0.8, 20)]
    [InlineData(0.01, 600, 0.5, 60)]
    [InlineData(0.15, 200, 0.95, 10)]
    public void AgentsNeeded_AgreesWithFactorialReferenceSearch(double arrivalsPerSecond, double handleSeconds, double target, double threshold)
    {
        var traffic = arrivalsPerSecond * handleSeconds;
        var expected = (int)Math.Floor(traffic) + 1;
        while (1 - (ReferenceErlangC(traffic, expected) * Math.Exp(-(expected - traffic) * threshold / handleSeconds)) < target)
        {
            expected++;
        }
        Assert.True(expected <= 60, "the reference is only trusted for small N");

        Assert.Equal(expected, ErlangC.AgentsNeeded(arrivalsPerSecond, handleSeconds, target, threshold));
    }

    [Fact]
    public void ProbabilityOfWaiting_FiveThousandErlangs_StableAndMatchesLogSpaceValue()
    {
        // 5,000 Erlangs on 5,100 agents: A^N/N! is far beyond double range, so the reference value
        // 0.1028814136 was computed separately with log-gamma terms summed in log space. The
        // Halfin–Whitt approximation, 1 / (1 + β·Φ(β)/φ(β)) with β = 100/√5000 = 1.414, gives 0.1012.
        var waiting = ErlangC.ProbabilityOfWaiting(5_000, 5_100);

        Assert.True(double.IsFinite(waiting));
        Assert.InRange(waiting, 0, 1);
        Assert.Equal(0.1028814136, waiting, 1e-9);

        // AHT 300 s: SL(20 s) = 1 − 0.102881·e^(−100·20/300) = 1 − 0.102881·0.0012726 = 0.999869.
        var serviceLevel = ErlangC.ServiceLevel(5_000.0 / 300, 300, 5_100, 20);
        Assert.InRange(serviceLevel, 0, 1);
        Assert.Equal(0.999869, serviceLevel, 6);

        var speed = ErlangC.AverageSpeedOfAnswer(5_000.0 / 300, 300, 5_100);
        Assert.Equal(0.1028814136 * 300 / 100, speed, 1e-6);
    }

    [Fact]
    public void ProbabilityOfWaiting_TenThousandAgents_StableAndMatchesLogSpaceValue()
    {
        // 9,900 Erlangs on 10,000 agents; reference 0.2227769289 from log-space sums.
        var waiting = ErlangC.ProbabilityOfWaiting(9_900, 10_000);

        Assert.Equal(0.2227769289, waiting, 1e-9);
    }

    [Fact]
    public void AgentsNeeded_TargetExactlyMet_CountsAsReached()
    {
        // A target equal to what 29 agents achieve (0.840283 for 24 Erlangs) is met by 29, not 30;
        // one just above it needs 30.
        var reached = ErlangC.ServiceLevel(0.1, 240, 29, 20);

        Assert.Equal(29, ErlangC.AgentsNeeded(0.1, 240, reached, 20));
        Assert.Equal(30, ErlangC.AgentsNeeded(0.1, 240, reached + 1e-9, 20));
    }

    [Fact]
    public void AgentsNeeded_FiveThousandErlangs_FoundAndConsistent()
    {
        var arrivals = 5_000.0 / 300;
        var needed = ErlangC.AgentsNeeded(arrivals, 300, 0.8, 20);

        Assert.InRange(needed, 5_001, 5_100);
        Assert.True(ErlangC.ServiceLevel(arrivals, 300, needed, 20) >= 0.8);
        Assert.True(ErlangC.ServiceLevel(arrivals, 300, needed - 1, 20) < 0.8);
    }

    [Fact]
    public void MoreAgents_NeverRaiseWaitingOrLowerServiceLevel_SeededSample()
    {
        var random = new Random(20250314);
        for (var sample = 0; sample < 300; sample++)
        {
            var handleSeconds = 30 + (random.NextDouble() * 600);
            var arrivalsPerSecond = random.NextDouble() * 200 / handleSeconds;
            var traffic = arrivalsPerSecond * handleSeconds;
            var threshold = random.Next(0, 61);
            var agents = (int)Math.Floor(traffic) + 1 + random.Next(0, 20);

            var fewer = ErlangC.ProbabilityOfWaiting(traffic, agents);
            var more = ErlangC.ProbabilityOfWaiting(traffic, agents + 1);
            Assert.True(more <= fewer, $"P(wait) rose from {fewer} to {more} at A = {traffic}, N = {agents}");
            Assert.True(more < 1);

            var lower = ErlangC.ServiceLevel(arrivalsPerSecond, handleSeconds, agents, threshold);
            var higher = ErlangC.ServiceLevel(arrivalsPerSecond, handleSeconds, agents + 1, threshold);
            Assert.True(higher >= lower, $"SL fell from {lower} to {higher} at A = {traffic}, N = {agents}");

            var slower = ErlangC.AverageSpeedOfAnswer(arrivalsPerSecond, handleSeconds, agents);
            var faster = ErlangC.AverageSpeedOfAnswer(arrivalsPerSecond, handleSeconds, agents + 1);
            Assert.True(faster <= slower);
        }
    }

    [Fact]
    public void AgentsNeeded_SeededSample_IsTheSmallestThatMeetsTheTarget()
    {
        var random = new Random(42);
        for (var sample = 0; sample < 100; sample++)
        {
            var handleSeconds = 60 + (random.NextDouble() * 400);
            var arrivalsPerSecond = random.NextDouble() * 100 / handleSeconds;
            var target = 0.5 + (random.NextDouble() * 0.45);
            var threshold = random.Next(5, 60);

            var needed = ErlangC.AgentsNeeded(arrivalsPerSecond, handleSeconds, target, threshold);

            Assert.True(needed > arrivalsPerSecond * handleSeconds);
            Assert.True(ErlangC.ServiceLevel(arrivalsPerSecond, handleSeconds, needed, threshold) >= target);
            Assert.True(ErlangC.ServiceLevel(arrivalsPerSecond, handleSeconds, needed - 1, threshold) < target);
        }
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(2, 1)]
    [InlineData(2.5, 2)]
    [InlineData(0, 0)]
    public void ProbabilityOfWaiting_NoMoreAgentsThanTraffic_IsOne(double traffic, int agents)
    {
        Assert.Equal(1, ErlangC.ProbabilityOfWaiting(traffic, agents));
    }

    [Fact]
    public void ProbabilityOfWaiting_NoTrafficWithAgents_IsZero()
    {
        Assert.Equal(0, ErlangC.ProbabilityOfWaiting(0, 3));
    }

    [Fact]
    public void Overloaded_ServiceLevelZero_SpeedInfinite()
    {
        // A = 0.1·240 = 24 Erlangs on 24 agents: the queue never drains.
        Assert.Equal(0, ErlangC.ServiceLevel(0.1, 240, 24, 20));
        Assert.Equal(double.PositiveInfinity, ErlangC.AverageSpeedOfAnswer(0.1, 240, 24));
    }

    [Fact]
    public void NoTraffic_FullServiceNoWaitNoAgents()
    {
        Assert.Equal(1, ErlangC.ServiceLevel(0, 240, 0, 20));
        Assert.Equal(1, ErlangC.ServiceLevel(0, 240, 5, 20));
        Assert.Equal(0, ErlangC.AverageSpeedOfAnswer(0, 240, 0));
        Assert.Equal(0, ErlangC.AgentsNeeded(0, 240, 0.8, 20));
        Assert.Equal(0, ErlangC.AgentsNeeded(0.1, 0, 0.8, 20));
    }

    [Fact]
    public void AgentsNeeded_TargetZero_StillMoreAgentsThanTraffic()
    {
        // A = 24: 24 agents never catch up, so the answer is 25 even for a target of 0.
        Assert.Equal(25, ErlangC.AgentsNeeded(0.1, 240, 0, 20));
    }

    [Fact]
    public void AgentsNeeded_Unreachable_ReturnsMaxAgentsPlusOne()
    {
        // Everyone answered with no wait at all (A = 2): SL = 1 − C, and C(10) ≈ 3.8e-5 > 0, so no
        // staffing up to 10 reaches it. (Around N = 22, C drops below double precision and 1 − C
        // rounds to 1, which is why the limit is kept small here.)
        Assert.Equal(11, ErlangC.AgentsNeeded(2.0 / 120, 120, 1, 0, maxAgents: 10));
        // 24 Erlangs cannot be served by at most 20 agents.
        Assert.Equal(21, ErlangC.AgentsNeeded(0.1, 240, 0.8, 20, maxAgents: 20));
        // ... but 29 agents are within a limit of 29.
        Assert.Equal(29, ErlangC.AgentsNeeded(0.1, 240, 0.8, 20, maxAgents: 29));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.1)]
    [InlineData(double.PositiveInfinity)]
    public void InvalidNumbers_Throw(double bad)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.ProbabilityOfWaiting(bad, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.ServiceLevel(bad, 240, 3, 20));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.ServiceLevel(0.01, bad, 3, 20));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.ServiceLevel(0.01, 240, 3, bad));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.AverageSpeedOfAnswer(bad, 240, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.AverageSpeedOfAnswer(0.01, bad, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.AgentsNeeded(bad, 240, 0.8, 20));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.AgentsNeeded(0.01, bad, 0.8, 20));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.AgentsNeeded(0.01, 240, bad, 20));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.AgentsNeeded(0.01, 240, 0.8, bad));
    }

    [Fact]
    public void InvalidCounts_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.ProbabilityOfWaiting(2, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.ServiceLevel(0.01, 240, -1, 20));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.AverageSpeedOfAnswer(0.01, 240, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.AgentsNeeded(0.01, 240, 1.01, 20));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.AgentsNeeded(0.01, 240, 0.8, 20, maxAgents: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.AgentsNeeded(0.01, 240, 0.8, 20, maxAgents: int.MaxValue));
        // Finite arguments whose product overflows.
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.ServiceLevel(1e200, 1e200, 3, 20));
    }

    /// <summary>
    /// Textbook Erlang C straight from its definition, independent of the recursion under test:
    /// C = (A^N/N! · N/(N − A)) / (Σ_{k=0}^{N−1} A^k/k! + A^N/N! · N/(N − A)),
    /// with powers and factorials in doubles; fine for N up to about 60 and A below about 60.
    /// </summary>
    private static double ReferenceErlangC(double traffic, int agents)
    {
        double sum = 0;
        for (var k = 0; k < agents; k++)
        {
            sum += Math.Pow(traffic, k) / Factorial(k);
        }
        var top = Math.Pow(traffic, agents) / Factorial(agents) * agents / (agents - traffic);
        return top / (sum + top);
    }

    private static double Factorial(int n)
    {
        double product = 1;
        for (var i = 2; i <= n; i++)
        {
            product *= i;
        }
        return product;
    }
}
