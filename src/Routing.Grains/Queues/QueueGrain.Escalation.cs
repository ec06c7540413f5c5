using Routing.Abstractions.Configuration;
using Routing.Abstractions.Queues;
using Routing.Core;

namespace Routing.Grains.Queues;

/// <summary>
/// Eligibility that widens with time: escalation steps (less skill, further agent groups) and the
/// preferred agent's wait. <see cref="WaitingEntry.IsEligible"/> judges both routing directions (push and
/// pull); since nothing else may start a routing pass when a step begins, the queue arms one timer for the
/// next moment any waiting entry's eligibility changes (an exclusion ends, a step starts, a preference ends).
/// </summary>
internal sealed partial class QueueGrain
{
    private IGrainTimer? _changeTimer;

    /// <summary>The entry with its escalation stages and, when the queue waits for a returning customer's
    /// agent, that agent until the wait ends. The agent must be a member (otherwise this queue could never
    /// offer it the work, and the wait would be for nothing).</summary>
    private WaitingEntry WithEligibilityOverTime(WaitingEntry entry, EnqueueRequest request, QueueDefinition definition)
    {
        entry = entry with { Stages = definition.EscalationStages(request.RequiredSkills) };
        var until = entry.Arrival + definition.PreferredAgentWait;
        if (request.PreferredAgentId is { } preferred
            && definition.PreferredAgentWait > TimeSpan.Zero
            && Now - request.PreferredServedAt <= definition.PreferredAgentWindow
            && until > Now
            && _members.Contains(preferred)
            && !entry.Excludes(preferred, Now))
        {
            entry = entry with { PreferredAgentId = preferred, PreferredUntil = until };
        }
        return entry;
    }

    /// <summary>Arms the one timer for the next moment who may take waiting work changes by time alone
    /// (re-offer delays ending, escalation steps starting, preferred-agent waits ending), or
    /// <paramref name="retryAt"/> if sooner (a failed pass), or none.</summary>
    private void ArmChangeTimer(DateTimeOffset? retryAt = null)
    {
        _changeTimer?.Dispose();
        _changeTimer = null;
        if (_line.Count == 0)
        {
            return;
        }
        var now = Now;
        var next = retryAt;
        foreach (var entry in _line.InOrder())
        {
            if (entry.NextChange(now) is { } change && (next is null || change < next))
            {
                next = change;
            }
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
