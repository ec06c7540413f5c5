using Microsoft.Extensions.Options;

namespace Routing.Server.Edge.Agents;

/// <summary>Settings of the agents' session streams (section <c>Routing:Edge:Agents</c>).</summary>
public sealed class AgentEdgeOptions
{
    public const string SectionName = "Routing:Edge:Agents";

    /// <summary>How long an agent keeps its state (presence, ringing offers) after its stream drops; a
    /// stream resuming the session before then carries on, after it the agent goes Offline. 0–1 hour;
    /// default 30 s.</summary>
    public TimeSpan SessionGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a session stream renews its subscription at the agent grain (observers are not
    /// durable). 1 s–5 min; default 1 minute.</summary>
    public TimeSpan SubscriptionRenewal { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Reports every problem of <see cref="AgentEdgeOptions"/> at once.</summary>
internal sealed class AgentEdgeOptionsValidator : IValidateOptions<AgentEdgeOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentEdgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [];
        if (options.SessionGracePeriod < TimeSpan.Zero || options.SessionGracePeriod > TimeSpan.FromHours(1))
        {
            problems.Add($"{AgentEdgeOptions.SectionName}:{nameof(options.SessionGracePeriod)} must be between 00:00:00 and 01:00:00 (is {options.SessionGracePeriod})");
        }
        if (options.SubscriptionRenewal < TimeSpan.FromSeconds(1) || options.SubscriptionRenewal > TimeSpan.FromMinutes(5))
        {
            problems.Add($"{AgentEdgeOptions.SectionName}:{nameof(options.SubscriptionRenewal)} must be between 00:00:01 and 00:05:00 (is {options.SubscriptionRenewal})");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
