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
        var extended = Case.ExtendWrapUp(agentId, more, State.Terms?.MaxWrapUpExtension ?? TimeSpan.Zero);
        Require(extended.Refusal);
        GrainLog.WrapUpExtended(_logger, Key, agentId, more.TotalSeconds, extended.WrapUpDeadline!.Value);
        await CarryOutAsync(extended);
        return Snapshot();
    }
}
