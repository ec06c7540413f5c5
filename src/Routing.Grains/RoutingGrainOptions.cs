using Microsoft.Extensions.Options;

namespace Routing.Grains;

/// <summary>Recovery timings of the routing grains (configuration section <c>Routing:Grains</c>).</summary>
public sealed class RoutingGrainOptions
{
    public const string Section = "Routing:Grains";

    /// <summary>How often a waiting interaction re-asserts its place in its queue's line, so a line
    /// that lost it (a call failed midway) gets it back.</summary>
    public TimeSpan WatchdogPeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An offer a queue began this long ago that never finished is taken to have failed.
    /// Longer than the grain call timeout, so an offer still in flight is never mistaken for one.</summary>
    public TimeSpan StaleClaimAge { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// True when grain state outlives the process (Redis, Azure Table): then what an acknowledgement
    /// promises is written before it is given (a queued interaction is in its queue's stored line, an
    /// offer is stored before the agent's phone rings), every unfinished interaction holds a reminder,
    /// and the cluster wakes queues after a silo dies. The host sets it from its storage choice; with
    /// memory state a crash loses everything anyway, so none of this is paid for.
    /// </summary>
    public bool DurableState { get; set; }

    /// <summary>How often an unfinished interaction's reminder wakes it (durable state only): the
    /// backstop that finds work a crash left without a live grain. Orleans' minimum is one minute.</summary>
    public TimeSpan RecoveryReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a queue or agent gathers changes before a background write (zero: write at once). Writes
    /// that an acknowledgement waits for are never delayed; this only folds the routine ones, e.g. an
    /// agent's reservation and offer, or a busy queue's many line changes, into one write.
    /// </summary>
    public TimeSpan BackgroundWriteDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How long a finished interaction's activation stays in memory, for the commands and reads that come just
    /// after the end (a repeated complete, the app's last look); then it goes away and its stored state answers.
    /// Without it Orleans keeps every idle activation for 15 minutes: at 500 interactions a second that is
    /// 450,000 finished interactions in the heap, which every collection of the old generation then walks.
    /// </summary>
    public TimeSpan FinishedLinger { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a finished interaction's stored state is kept (durable state): until then it can be read and a repeated
    /// create of its id is answered as a repeat; then the state is deleted (the history store keeps its record), so the
    /// grain store holds the interactions in flight and the last hour's, not every interaction ever made.
    /// </summary>
    public TimeSpan FinishedStateRetention { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Reports every problem with <see cref="RoutingGrainOptions"/> at once.</summary>
public sealed class RoutingGrainOptionsValidator : IValidateOptions<RoutingGrainOptions>
{
    private static readonly TimeSpan MaxFinishedStateRetention = TimeSpan.FromDays(30);

    public ValidateOptionsResult Validate(string? name, RoutingGrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.WatchdogPeriod <= TimeSpan.Zero || options.WatchdogPeriod > TimeSpan.FromHours(1))
        {
            problems.Add($"{RoutingGrainOptions.Section}:WatchdogPeriod must be more than 0 and at most 1 hour (is {options.WatchdogPeriod})");
        }
        if (options.StaleClaimAge <= TimeSpan.Zero || options.StaleClaimAge > TimeSpan.FromHours(1))
        {
            problems.Add($"{RoutingGrainOptions.Section}:StaleClaimAge must be more than 0 and at most 1 hour (is {options.StaleClaimAge})");
        }
        if (options.RecoveryReminderPeriod < TimeSpan.FromMinutes(1) || options.RecoveryReminderPeriod > TimeSpan.FromHours(1))
        {
            problems.Add($"{RoutingGrainOptions.Section}:RecoveryReminderPeriod must be between 00:01:00 and 01:00:00 (is {options.RecoveryReminderPeriod})");
        }
        if (options.BackgroundWriteDelay < TimeSpan.Zero || options.BackgroundWriteDelay > TimeSpan.FromSeconds(5))
        {
            problems.Add($"{RoutingGrainOptions.Section}:BackgroundWriteDelay must be between 0 and 5 seconds (is {options.BackgroundWriteDelay})");
        }
        if (options.FinishedLinger < TimeSpan.Zero || options.FinishedLinger > TimeSpan.FromHours(1))
        {
            problems.Add($"{RoutingGrainOptions.Section}:FinishedLinger must be between 0 and 1 hour (is {options.FinishedLinger})");
        }
        if (options.FinishedStateRetention < TimeSpan.Zero || options.FinishedStateRetention > MaxFinishedStateRetention)
        {
            problems.Add($"{RoutingGrainOptions.Section}:FinishedStateRetention must be between 0 and 30 days (is {options.FinishedStateRetention})");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
