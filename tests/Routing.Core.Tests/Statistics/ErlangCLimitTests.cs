using Routing.Core.Statistics;
using Xunit;

namespace Routing.Core.Tests.Statistics;

/// <summary>Erlang C against values computed here independently (the textbook closed form in decimal), and
/// at the extremes of the head count, where it must answer promptly with the limit values.</summary>
public sealed class ErlangCLimitTests
{
    /// <summary>Long enough for any correct answer on a loaded machine; a loop that never ends fails here.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    // Traffic 10 Erlangs; the usual published table rounds these to 0.6821, 0.4494, 0.2853, 0.1741, 0.1020.
    [InlineData(11, 0.6821)]
    [InlineData(12, 0.4494)]
    [InlineData(13, 0.2853)]
    [InlineData(14, 0.1741)]
    [InlineData(15, 0.1020)]
    public void ProbabilityOfWaiting_TenErlangs_MatchesClosedFormAndTable(int agents, double table)
    {
        var expected = ClosedFormProbabilityOfWaiting(10, agents);

        Assert.Equal(table, expected, 4);
        Assert.Equal(expected, ErlangC.ProbabilityOfWaiting(10, agents), 12);
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(4.5, 5)]
    [InlineData(20, 21)]
    [InlineData(20, 30)]
    [InlineData(50.5, 60)]
    public void ServiceLevelAndSpeedOfAnswer_TextbookCases_MatchClosedForm(double traffic, int agents)
    {
        const double handleSeconds = 180;
        const double thresholdSeconds = 20;
        var arrivalsPerSecond = traffic / handleSeconds;
        var waiting = ClosedFormProbabilityOfWaiting((decimal)traffic, agents);

        Assert.Equal(1 - (waiting * Math.Exp(-(agents - traffic) * thresholdSeconds / handleSeconds)),
            ErlangC.ServiceLevel(arrivalsPerSecond, handleSeconds, agents, thresholdSeconds), 10);
        Assert.Equal(waiting * handleSeconds / (agents - traffic), ErlangC.AverageSpeedOfAnswer(arrivalsPerSecond, handleSeconds, agents), 8);
    }

    [Fact]
    public async Task IntMaxValueAgents_SmallTraffic_LimitValuesPromptly()
    {
        var (waiting, level, speed) = await Promptly(() => (
            ErlangC.ProbabilityOfWaiting(10, int.MaxValue),
            ErlangC.ServiceLevel(10.0 / 180, 180, int.MaxValue, 20),
            ErlangC.AverageSpeedOfAnswer(10.0 / 180, 180, int.MaxValue)));

        Assert.Equal((0.0, 1.0, 0.0), (waiting, level, speed));
    }

    [Fact]
    public async Task IntMaxValueAgents_TrafficNearlyAsLarge_LimitValuesPromptly()
    {
        // 2 × 10⁹ Erlangs: below int.MaxValue (2.147 × 10⁹) by about 3,300 standard deviations.
        var (waiting, level, speed) = await Promptly(() => (
            ErlangC.ProbabilityOfWaiting(2e9, int.MaxValue),
            ErlangC.ServiceLevel(2e9 / 180, 180, int.MaxValue, 20),
            ErlangC.AverageSpeedOfAnswer(2e9 / 180, 180, int.MaxValue)));

        Assert.Equal((0.0, 1.0, 0.0), (waiting, level, speed));
    }

    [Theory]
    [InlineData(1_000, 1_001)]
    [InlineData(1_000, 1_050)]
    [InlineData(250_000.5, 250_001)]
    [InlineData(250_000.5, 250_300)]
    [InlineData(250_000.5, 251_500)]
    public void ProbabilityOfWaiting_LargeTraffic_MatchesTheRecursionRunFromNoAgents(double traffic, int agents)
    {
        // The reference runs the plain recursion B(0) = 1 … B(N) with no shortcut.
        double blocking = 1;
        for (var n = 1; n <= agents; n++)
        {
            blocking = traffic * blocking / (n + (traffic * blocking));
        }
        var expected = agents * blocking / (agents - (traffic * (1 - blocking)));

        var actual = ErlangC.ProbabilityOfWaiting(traffic, agents);

        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(expected, double.Epsilon) || expected == actual,
            $"expected {expected:R}, got {actual:R}");
    }

    /// <summary>Erlang C by its closed form, C = (Aᴺ/N! · N/(N−A)) / (Σₖ₌₀ᴺ⁻¹ Aᵏ/k! + Aᴺ/N! · N/(N−A)), its terms
    /// built up in decimal (28 digits) so no factorial overflows.</summary>
    private static double ClosedFormProbabilityOfWaiting(decimal traffic, int agents)
    {
        decimal term = 1, sum = 0;
        for (var k = 0; k < agents; k++)
        {
            sum += term;
            term = term * traffic / (k + 1);
        }
        var waitingTerm = term * agents / (agents - traffic);
        return (double)(waitingTerm / (sum + waitingTerm));
    }

    private static async Task<T> Promptly<T>(Func<T> compute)
    {
        try
        {
            return await Task.Run(compute, TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Erlang C did not answer within {Patience.TotalSeconds} s");
            throw;
        }
    }
}
