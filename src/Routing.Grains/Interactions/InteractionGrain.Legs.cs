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
    /// <summary>Carries out at once what ending the transferring agent's leg asks (the transition of a transfer) and
    /// returns what that agent is told (which also moves its slot): its leg's wrap-up deadline, or none when the leg
    /// finished at once (its queue is then told its handle time).</summary>
    private TransferNotice TransferredNotice(InteractionTransition transferred)
    {
        Apply(transferred);
        if (transferred.HandleTime is { } handled)
        {
            ReportHandleTime(handled);
        }
        var detail = transferred.Notes.First(n => n.Kind == InteractionEventKind.Transferred).Detail!;
        return new TransferNotice { InteractionId = _interactionId, Kind = TransferNoticeKind.Transferred, Detail = detail, WrapUpDeadline = transferred.WrapUpDeadline };
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
        _ = QueueRouting(handled.QueueId).InteractionCompleted(handled.Talk, handled.WrapUp);
}
