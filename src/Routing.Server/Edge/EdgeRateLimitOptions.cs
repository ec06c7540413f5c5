using Microsoft.Extensions.Options;

namespace Routing.Server.Edge;

/// <summary>
/// The per-caller rate limit of the gRPC edge (section <c>Routing:Edge:RateLimit</c>): a token bucket
/// per tenant and agent (or token subject). A call refused by it ends with status ResourceExhausted.
/// A streaming call counts once, when it starts; each command on an agent's or a gateway's session stream counts
/// too (a gateway's unfollow excepted: it costs the cluster nothing), in the same bucket, and a refused one is answered
/// RESOURCE_EXHAUSTED without being carried out.
/// </summary>
public sealed class EdgeRateLimitOptions
{
    public const string SectionName = "Routing:Edge:RateLimit";

    /// <summary>Whether calls are limited at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Bucket size: the most calls a caller can make in a burst.</summary>
    public int TokenLimit { get; set; } = 1_000;

    /// <summary>Calls added back to the bucket every <see cref="ReplenishmentPeriod"/>.</summary>
    public int TokensPerPeriod { get; set; } = 500;

    /// <summary>How often the bucket is refilled by <see cref="TokensPerPeriod"/>.</summary>
    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>Checks <see cref="EdgeRateLimitOptions"/> at start-up, reporting every problem at once.</summary>
public sealed class EdgeRateLimitOptionsValidator : IValidateOptions<EdgeRateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, EdgeRateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var section = EdgeRateLimitOptions.SectionName;
        if (options.TokenLimit < 1)
        {
            problems.Add($"{section}:TokenLimit must be at least 1");
        }
        if (options.TokensPerPeriod < 1)
        {
            problems.Add($"{section}:TokensPerPeriod must be at least 1");
        }
        if (options.ReplenishmentPeriod <= TimeSpan.Zero || options.ReplenishmentPeriod > TimeSpan.FromHours(1))
        {
            problems.Add($"{section}:ReplenishmentPeriod must be more than 0 and at most 1 hour, e.g. \"00:00:01\"");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
