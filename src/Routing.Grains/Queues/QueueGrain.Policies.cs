using Routing.Abstractions;
using Routing.Abstractions.Configuration;
using Routing.Abstractions.Interactions;
using Routing.Abstractions.Queues;
using Routing.Core;
using Routing.Core.Hours;

namespace Routing.Grains.Queues;

/// <summary>
/// Admission of work new to this queue's line: business hours and agents logged in for new
/// interactions, the size limit for new, moved and overflowed ones. Checked inside the atomic
/// <see cref="Enqueue"/> before anything changes, so a refusal (a <see cref="RoutingException"/>) changes nothing.
/// </summary>
internal sealed partial class QueueGrain
{
    /// <summary>Null to admit; the cause when the queue's policy overflows it at once (it is then not put in
    /// line, and counted here as an arrival that overflowed). Throws to refuse.</summary>
    private OverflowCause? Admit(EnqueueRequest request, QueueDefinition definition)
    {
        if (request.Reason == EnqueueReason.Rejoin)
        {
            return null;
        }
        OverflowCause? cause = null;
        if (request.Reason == EnqueueReason.New)
        {
            cause = ClosedCause(definition) ?? NoAgentsCause(request, definition);
        }
        if (cause is null)
        {
            RequireRoom(definition);
            return null;
        }
        var now = Now;
        _statistics?.Arrived(now, now);
        RecordExit(QueueExit.Overflowed, now);
        GrainLog.OverflowedOnArrival(_logger, GrainKeys.Compose(_tenantId, request.InteractionId), _queueId, cause.Value);
        return cause;
    }

    private void RequireRoom(QueueDefinition definition)
    {
        var waiting = _line.Count + State.Offered.Count;
        if (definition.MaxWaiting is { } max && waiting >= max)
        {
            throw new RoutingException(RoutingError.ResourceExhausted, $"queue '{_queueId}' is full: {waiting} waiting");
        }
    }

    /// <summary>Outside business hours: refused (saying when it opens) or overflowed; null while open.</summary>
    private OverflowCause? ClosedCause(QueueDefinition definition)
    {
        if (definition.Hours is not { } hours)
        {
            return null;
        }
        var zone = _zone;
        var now = Now;
        if (BusinessSchedule.IsOpen(hours, now, zone))
        {
            return null;
        }
        if (definition.ClosedAction == ClosedAction.Overflow)
        {
            return OverflowCause.Closed;
        }
        var until = BusinessSchedule.NextOpening(hours, now, zone) is { } opening
            ? $"until {BusinessSchedule.Describe(opening, now, zone)}"
            : "with no opening in the next year";
        throw new RoutingException(RoutingError.FailedPrecondition, $"queue '{_queueId}' is closed {until}");
    }

    /// <summary>
    /// No member logged in (not Offline) who could take it: refused or overflowed, per the queue. A member
    /// whose presence this activation has not heard yet (a re-activated queue learns presence only as its
    /// agents announce themselves) might be logged in, so while any is unknown the interaction waits.
    /// </summary>
    private OverflowCause? NoAgentsCause(EnqueueRequest request, QueueDefinition definition)
    {
        if (definition.WhenNoAgents == NoAgentsAction.Wait)
        {
            return null;
        }
        var requirements = SkillEscalation.Merge(definition.RequiredSkills.Concat(request.RequiredSkills));
        var someoneCould = _members.Any(m => !_memberStates.TryGetValue(m, out var agent)
            || (agent.Presence != Presence.Offline && agent.Skills.Satisfies(requirements)));
        if (someoneCould)
        {
            return null;
        }
        if (definition.WhenNoAgents == NoAgentsAction.Overflow)
        {
            return OverflowCause.NoAgents;
        }
        throw new RoutingException(RoutingError.FailedPrecondition, $"no agents logged in for queue '{_queueId}' who can take this interaction");
    }
}
