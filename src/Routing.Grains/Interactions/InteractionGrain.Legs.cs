using Routing.Abstractions;
using Routing.Abstractions.Interactions;
using Routing.Core.Lifecycle;

namespace Routing.Grains.Interactions;

/// <summary>
/// Legs: each agent's part of the interaction, from connection to the end of its wrap-up. Their bookkeeping is
/// <see cref="InteractionCase"/>'s; here the grain carries out what a leg's end asks (telling the agent, the leg's
/// queue and the store).
/// </summary>
internal sealed partial class InteractionGrain
{
    /// <summary>Ends the connected agent's leg because of a transfer: into wrap-up for its queue's wrap-up time,
    /// or finished at once when there is none. Returns what the agent is told (which also moves its slot).</summary>
    private TransferNotice EndLegByTransfer(string agentId, string detail)
    {
        var ended = Case.EndLegByTransfer(agentId, WrapUpTime, Now);
        Apply(ended);
        if (ended.HandleTime is { } handled)
        {
            ReportHandleTime(handled);
        }
        return new TransferNotice { InteractionId = _interactionId, Kind = TransferNoticeKind.Transferred, Detail = detail, WrapUpDeadline = ended.WrapUpDeadline };
    }

    /// <summary>The agent finished the wrap-up of its transferred leg (with a disposition, or its time ran out);
    /// its slot is freed. The interaction itself is not changed.</summary>
    private async Task CompleteTransferredLegAsync(InteractionLeg leg, Disposition? disposition)
    {
        var completed = Case.CompleteTransferredLeg(leg, disposition, Now);
        Require(completed.Refusal);
        GrainLog.LegCompleted(_logger, Key, leg.AgentId, disposition?.Code ?? NoDisposition);
        await CarryOutAsync(completed);
    }

    /// <summary>Tells the leg's queue its talk and wrap-up time (one-way, for the average handle time).</summary>
    private void ReportHandleTime(LegHandleTime handled) =>
        _ = GrainFactory.QueueRouting(_tenantId, handled.QueueId).InteractionCompleted(handled.Talk, handled.WrapUp);
}
