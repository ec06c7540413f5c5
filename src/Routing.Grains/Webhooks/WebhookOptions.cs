using Microsoft.Extensions.Options;

namespace Routing.Grains.Webhooks;

/// <summary>How webhooks are delivered (section <c>Routing:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Routing:Webhooks";

    /// <summary>Tries per event (the first included) before it becomes a dead letter.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed try; it doubles (with jitter) on each further failure.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two tries.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one POST may take (connecting included) before it counts as failed.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often an idle pump re-reads the feed for events other silos stored (this silo's wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Most subscriptions one tenant may have.</summary>
    public int MaxSubscriptionsPerTenant { get; set; } = 20;
}

/// <summary>Checks <see cref="WebhookOptions"/> at start-up and reports every problem at once.</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var section = WebhookOptions.SectionName;
        var errors = new List<string>();
        if (options.MaxAttempts is < 1 or > 50)
        {
            errors.Add($"{section}:MaxAttempts {options.MaxAttempts} is outside 1–50.");
        }
        if (options.RetryDelay <= TimeSpan.Zero || options.RetryDelay > TimeSpan.FromHours(1))
        {
            errors.Add($"{section}:RetryDelay {options.RetryDelay} must be positive and at most an hour.");
        }
        if (options.MaxRetryDelay < options.RetryDelay || options.MaxRetryDelay > TimeSpan.FromHours(6))
        {
            errors.Add($"{section}:MaxRetryDelay {options.MaxRetryDelay} must be at least RetryDelay and at most 6 hours.");
        }
        if (options.RequestTimeout < TimeSpan.FromMilliseconds(100) || options.RequestTimeout > TimeSpan.FromMinutes(2))
        {
            errors.Add($"{section}:RequestTimeout {options.RequestTimeout} is outside 100 ms–2 minutes.");
        }
        if (options.PollInterval < TimeSpan.FromMilliseconds(100) || options.PollInterval > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{section}:PollInterval {options.PollInterval} is outside 100 ms–5 minutes.");
        }
        if (options.MaxSubscriptionsPerTenant is < 1 or > 1_000)
        {
            errors.Add($"{section}:MaxSubscriptionsPerTenant {options.MaxSubscriptionsPerTenant} is outside 1–1000.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
