using Xunit;

namespace Routing.Grains.Tests.Validation;

/// <summary>Bad grain timings stop start-up with a message that names the setting; good ones pass.</summary>
public sealed class RoutingGrainOptionsTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new RoutingGrainOptionsValidator().Validate(null, new RoutingGrainOptions()).Succeeded);

    [Theory]
    [InlineData(-1, "BackgroundWriteDelay")]
    [InlineData(6_000, "BackgroundWriteDelay")]
    public void Validate_BackgroundWriteDelayOutOfRange_FailsNamingIt(int milliseconds, string setting)
    {
        var result = new RoutingGrainOptionsValidator().Validate(null, new RoutingGrainOptions { BackgroundWriteDelay = TimeSpan.FromMilliseconds(milliseconds) });

        Assert.True(result.Failed);
        Assert.Contains($"Routing:Grains:{setting}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ZeroBackgroundWriteDelay_Succeeds() =>
        Assert.True(new RoutingGrainOptionsValidator().Validate(null, new RoutingGrainOptions { BackgroundWriteDelay = TimeSpan.Zero }).Succeeded);

    [Theory]
    [InlineData(-1)]
    [InlineData(3_600_001)]
    public void Validate_FinishedLingerOutOfRange_FailsNamingIt(int milliseconds)
    {
        var result = new RoutingGrainOptionsValidator().Validate(null, new RoutingGrainOptions { FinishedLinger = TimeSpan.FromMilliseconds(milliseconds) });

        Assert.True(result.Failed);
        Assert.Contains("Routing:Grains:FinishedLinger", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ZeroFinishedLinger_Succeeds() =>
        Assert.True(new RoutingGrainOptionsValidator().Validate(null, new RoutingGrainOptions { FinishedLinger = TimeSpan.Zero }).Succeeded);

    [Theory]
    [InlineData(-1)]
    [InlineData(31 * 24 * 60)]
    public void Validate_FinishedStateRetentionOutOfRange_FailsNamingIt(int minutes)
    {
        var result = new RoutingGrainOptionsValidator().Validate(null, new RoutingGrainOptions { FinishedStateRetention = TimeSpan.FromMinutes(minutes) });

        Assert.True(result.Failed);
        Assert.Contains("Routing:Grains:FinishedStateRetention", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30 * 24 * 60)]
    public void Validate_FinishedStateRetentionAtItsBounds_Succeeds(int minutes) =>
        Assert.True(new RoutingGrainOptionsValidator().Validate(null, new RoutingGrainOptions { FinishedStateRetention = TimeSpan.FromMinutes(minutes) }).Succeeded);

    [Fact]
    public void Validate_SeveralProblems_AllReported()
    {
        var result = new RoutingGrainOptionsValidator().Validate(null, new RoutingGrainOptions
        {
            WatchdogPeriod = TimeSpan.Zero,
            StaleClaimAge = TimeSpan.Zero,
            BackgroundWriteDelay = TimeSpan.FromMinutes(1),
        });

        Assert.Equal(3, result.Failures!.Count());
    }
}
