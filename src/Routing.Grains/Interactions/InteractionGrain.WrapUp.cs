using Routing.Abstractions;
using Routing.Abstractions.Interactions;
using Routing.Core;

namespace Routing.Grains.Interactions;

/// <summary>More wrap-up time on request: the agent's leg (current, or ended by a transfer) gets a later
/// deadline, within its queue's <c>MaxWrapUpExtension</c> in all. The deadline is stored and the one timer
/// re-armed, like every deadline of the interaction.</summary>
internal sealed partial class InteractionGrain
{
    public async Task<InteractionSnapshot> ExtendWrapUp(string agentId, TimeSpan more)
    {
        RoutingException.ThrowIfInvalidId("agent", agentId);
        RequireCreated();
        if (more <= TimeSpan.Zero || more > TimeSpan.FromHours(24))
        {
            throw new RoutingException(RoutingError.InvalidArgument, "the wrap-up extension must be more than 0 and at most 24 hours");
        }
        var current = State.AgentId == agentId && State.Status == InteractionStatus.WrapUp;
        var leg = current ? CurrentLeg() : TransferredLegOf(agentId);
        var deadline = current ? State.WrapUpDeadline : leg?.WrapUpDeadline;
        if (deadline is null)
        {
            throw new RoutingException(RoutingError.FailedPrecondition,
                $"agent '{agentId}' is not wrapping up interaction '{_interactionId}': it is {State.Status}{(State.AgentId is null ? "" : $" with agent '{State.AgentId}'")}");
        }
        var used = leg?.WrapUpExtended ?? TimeSpan.Zero;
        var max = leg?.MaxWrapUpExtension ?? State.Terms?.MaxWrapUpExtension ?? TimeSpan.Zero;
        if (used + more > max)
        {
            throw new RoutingException(RoutingError.FailedPrecondition,
                $"wrap-up of interaction '{_interactionId}' can be extended by at most {max.TotalSeconds:0} s in all; "
                + $"{used.TotalSeconds:0} s already granted, {more.TotalSeconds:0} s more asked");
        }
        var until = deadline.Value + more;
        if (current)
        {
            State.WrapUpDeadline = until;
        }
        if (leg is not null)
        {
            State.Legs[State.Legs.IndexOf(leg)] = leg with { WrapUpDeadline = until, WrapUpExtended = used + more };
        }
        RearmTimer();
        GrainLog.WrapUpExtended(_logger, Key, agentId, more.TotalSeconds, until);
        await _writer.WriteAsync();
        return Snapshot();
    }
}
