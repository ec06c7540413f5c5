using Routing.Abstractions.Configuration;
using Routing.Abstractions.Queues;
using Routing.Core;

namespace Routing.Grains.Queues;

/// <summary>
/// Eligibility that widens with time: escalation steps (less skill, further agent groups) and the
/// preferred agent's wait, which <see cref="QueueWork"/> gives each entry when it joins the line.
/// <see cref="WaitingEntry.IsEligible"/> judges both routing directions (push and pull); since nothing else may start a routing pass when a step begins, the queue arms one timer for the
/// next moment any waiting entry's eligibility changes (an exclusion ends, a step starts, a preference ends).
/// </summary>
internal sealed partial class QueueGrain
{
    private IGrainTimer? _changeTimer;

    /// <summary>Arms the one timer for the next moment after <paramref name="since"/> who may take waiting work changes
    /// by time alone (re-offer delays ending, escalation steps starting, preferred-agent waits ending), or
    /// <paramref name="retryAt"/> if sooner (a failed pass), or none. A change already past fires it at once.</summary>
    private void ArmChangeTimer(DateTimeOffset since, DateTimeOffset? retryAt)
    {
        _changeTimer?.Dispose();
        _changeTimer = null;
        if (Line.Count == 0)
        {
            return;
        }
        var now = Now;
        var next = retryAt;
        if (_work.NextChange(since) is { } change && (next is null || change < next))
        {
            next = change;
        }
        if (next is { } due)
        {
            _changeTimer = this.RegisterGrainTimer(
                static (grain, _) => grain.Dispatch(),
                this,
                new GrainTimerCreationOptions(due > now ? due - now : TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        }
    }
}
