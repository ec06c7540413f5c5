using Routing.Abstractions;
using Routing.Abstractions.Configuration;
using Routing.Abstractions.Queues;
using Routing.Core;

namespace Routing.Grains.Queues;

/// <summary>
/// Between the grain and <see cref="QueueWork"/>: the queue's definition and an enqueue request as the model reads
/// them, a refusal as the caller's <see cref="RoutingException"/>, and the effects of an accepted transition
/// carried out.
/// </summary>
internal sealed partial class QueueGrain
{
    /// <summary>What the line's rules need from the definition, with the tenant's time zone for business hours.</summary>
    private QueueTerms TermsOf(QueueDefinition definition) => new()
    {
        QueueId = definition.QueueId,
        RequiredSkills = definition.RequiredSkills,
        PriorityWeight = definition.PriorityWeight,
        TransferKeepsArrivalTime = definition.TransferKeepsArrivalTime,
        Escalation = definition.Escalation,
        PreferredAgentWait = definition.PreferredAgentWait,
        PreferredAgentWindow = definition.PreferredAgentWindow,
        MaxWaiting = definition.MaxWaiting,
        Hours = definition.Hours,
        Zone = _zone,
        OverflowWhenClosed = definition.ClosedAction == ClosedAction.Overflow,
        WaitWithoutAgents = definition.WhenNoAgents == NoAgentsAction.Wait,
        OverflowWithoutAgents = definition.WhenNoAgents == NoAgentsAction.Overflow,
    };

    private static LineRequest LineRequestOf(EnqueueRequest request) => new()
    {
        InteractionId = request.InteractionId,
        Channel = request.Channel,
        Arrival = request.Arrival,
        Priority = request.Priority,
        RequiredSkills = request.RequiredSkills,
        Transferred = request.Transferred,
        Exclusions = request.Exclusions,
        PreferredAgentId = request.PreferredAgentId,
        PreferredServedAt = request.PreferredServedAt,
        Reason = request.Reason,
        EnteredQueue = request.EnteredQueue,
    };

    /// <summary>Throws the refusals a caller must hear of; the others (not here, nothing eligible, out of date)
    /// are answers, not errors.</summary>
    private void ThrowIfRefused(QueueTransition transition)
    {
        switch (transition.Refusal)
        {
            case QueueRefusal.NotConfigured:
                throw new RoutingException(RoutingError.NotFound, $"queue '{_queueId}' does not exist in tenant '{_tenantId}'");
            case QueueRefusal.Full:
                throw new RoutingException(RoutingError.ResourceExhausted, transition.Message!);
            case QueueRefusal.Closed or QueueRefusal.NoAgents or QueueRefusal.StillHasWork:
                throw new RoutingException(RoutingError.FailedPrecondition, transition.Message!);
            default:
                break;
        }
    }

    /// <summary>Carries out an accepted transition's effects; false when it was refused (nothing to do).
    /// <paramref name="scheduleWrite"/> false: the caller awaits the write itself.</summary>
    private bool Carry(QueueTransition transition, DateTimeOffset now, bool scheduleWrite = true)
    {
        if (!transition.Accepted)
        {
            return false;
        }
        LineChanged();
        if (transition.Has(QueueEffects.CountArrival))
        {
            _statistics?.Arrived(transition.Entry!.WaitingSince, now);
        }
        if (transition.Has(QueueEffects.Joined) && transition.Entry is { } entry)
        {
            GrainLog.Queued(_logger, GrainKeys.Compose(_tenantId, entry.InteractionId), entry.Channel, entry.Priority, _queueId, transition.Position);
        }
        if (transition.Has(QueueEffects.Route))
        {
            ScheduleDispatch();
        }
        if (transition.Has(QueueEffects.StatisticsChanged))
        {
            StatisticsChanged();
        }
        if (transition.Has(QueueEffects.Write) && scheduleWrite)
        {
            _writer.Schedule();
        }
        return true;
    }
}
