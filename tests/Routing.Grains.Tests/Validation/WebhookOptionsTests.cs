using Routing.Grains.Webhooks;
using Xunit;

namespace Routing.Grains.Tests.Validation;

/// <summary>Bad webhook settings stop start-up with a message naming every bad setting; the defaults pass.</summary>
public sealed class WebhookOptionsTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new WebhookOptionsValidator().Validate(null, new WebhookOptions()).Succeeded);

    [Fact]
    public void Validate_SeveralProblems_AllReportedByName()
    {
        var result = new WebhookOptionsValidator().Validate(null, new WebhookOptions
        {
            MaxAttempts = 0,
            RetryDelay = TimeSpan.FromSeconds(10),
            MaxRetryDelay = TimeSpan.FromSeconds(1),
            RequestTimeout = TimeSpan.Zero,
            PollInterval = TimeSpan.FromHours(1),
            MaxSubscriptionsPerTenant = 0,
        });

        Assert.True(result.Failed);
        Assert.Equal(5, result.Failures!.Count());
        foreach (var setting in new[] { "MaxAttempts", "MaxRetryDelay", "RequestTimeout", "PollInterval", "MaxSubscriptionsPerTenant" })
        {
            Assert.Contains($"Routing:Webhooks:{setting}", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_OneAttempt_Succeeds() =>
        Assert.True(new WebhookOptionsValidator().Validate(null, new WebhookOptions { MaxAttempts = 1 }).Succeeded);
}
