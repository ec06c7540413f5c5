using Microsoft.Extensions.Options;

namespace Routing.Server.Edge.Events;

/// <summary>How the event feed's subscriptions follow the store (section <c>Routing:Edge:Events</c>).</summary>
public sealed class EventFeedOptions
{
    public const string SectionName = "Routing:Edge:Events";

    /// <summary>How often an idle subscription re-reads the store for events other silos stored (this silo's own wake it
    /// at once). Shorter brings them sooner at the cost of one small query per subscriber per period.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>Checks <see cref="EventFeedOptions"/> at start-up.</summary>
public sealed class EventFeedOptionsValidator : IValidateOptions<EventFeedOptions>
{
    public static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxPollInterval = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, EventFeedOptions options) =>
        options.PollInterval < MinPollInterval || options.PollInterval > MaxPollInterval
            ? ValidateOptionsResult.Fail($"{EventFeedOptions.SectionName}:PollInterval {options.PollInterval} is outside {MinPollInterval}–{MaxPollInterval}.")
            : ValidateOptionsResult.Success;
}
