using Routing.Abstractions;
using Routing.Abstractions.Interactions;

namespace Routing.Grains.Interactions;

/// <summary>
/// Legs: each agent's part of the interaction, from connection to the end of its wrap-up. The current leg
/// follows the interaction's own status. A leg ended by a transfer goes on alone: its wrap-up has its own
/// deadline (in state, re-armed on activation) and its agent completes it with its own disposition while the
/// interaction waits, rings or is handled by the next agent. The interaction's final state is reached once,
/// by its last leg; transferred legs never change it.
/// </summary>
internal sealed partial class InteractionGrain
{
    /// <summary>A new leg for the agent just connected (the customer's grain hears who served them, one-way).</summary>
    private void StartLeg(string agentId)
    {
        State.Legs.Add(new InteractionLeg
        {
            AgentId = agentId,
            QueueId = CurrentQueueId,
            ConnectedAt = Now,
            MaxWrapUpExtension = State.Terms?.MaxWrapUpExtension ?? TimeSpan.Zero,
        });
        RememberServedBy(agentId);
    }

    /// <summary>The leg of the agent handling the interaction now, or null.</summary>
    private InteractionLeg? CurrentLeg() => CurrentLegIndex() is var index and >= 0 ? State.Legs[index] : null;

    private int CurrentLegIndex() => State.Legs.FindLastIndex(l => l.AgentId == State.AgentId && !l.Transferred && l.CompletedAt is null);

    /// <summary>Changes the leg of the agent handling the interaction now (none for interactions connected
    /// before legs were recorded).</summary>
    private void UpdateCurrentLeg(Func<InteractionLeg, InteractionLeg> change)
    {
        var index = CurrentLegIndex();
        if (index >= 0)
        {
            State.Legs[index] = change(State.Legs[index]);
        }
    }

    /// <summary>Ends the connected agent's leg because of a transfer: into wrap-up for its queue's wrap-up time,
    /// or finished at once when there is none. Returns what the agent is told (which also moves its slot).</summary>
    private TransferNotice EndLegByTransfer(string agentId, string detail)
    {
        var wrapUp = WrapUpTime;
        var now = Now;
        DateTimeOffset? deadline = wrapUp > TimeSpan.Zero ? now + wrapUp : null;
        UpdateCurrentLeg(leg => leg with { EndedAt = now, Transferred = true, WrapUpDeadline = deadline, CompletedAt = deadline is null ? now : null });
        RearmTimer();
        if (deadline is null && State.Legs.LastOrDefault(l => l.AgentId == agentId && l.Transferred) is { } finished)
        {
            ReportHandleTime(finished);
        }
        return new TransferNotice { InteractionId = _interactionId, Kind = TransferNoticeKind.Transferred, Detail = detail, WrapUpDeadline = deadline };
    }

    /// <summary>The leg of <paramref name="agentId"/> ended by a transfer and still in wrap-up, if any.</summary>
    private InteractionLeg? TransferredLegOf(string agentId) =>
        State.Legs.LastOrDefault(l => l.AgentId == agentId && l.IsWrappingUpAfterTransfer);

    /// <summary>The agent finished the wrap-up of its transferred leg (with a disposition, or its time ran out);
    /// its slot is freed. The interaction itself is not changed.</summary>
    private async Task CompleteTransferredLegAsync(InteractionLeg leg, Disposition? disposition)
    {
        var index = State.Legs.IndexOf(leg);
        var done = leg with { CompletedAt = Now, WrapUpDeadline = null, Disposition = disposition };
        State.Legs[index] = done;
        RearmTimer();
        GrainLog.LegCompleted(_logger, Key, leg.AgentId, disposition?.Code ?? "(none: wrap-up time elapsed)");
        await Agent(leg.AgentId).FinishInteraction(_interactionId);
        ReportHandleTime(done);
        await _writer.WriteAsync();
    }

    /// <summary>Tells the leg's queue its talk and wrap-up time (one-way, for the average handle time).</summary>
    private void ReportHandleTime(InteractionLeg leg)
    {
        if (leg.EndedAt is { } ended && leg.CompletedAt is { } completed)
        {
            _ = GrainFactory.QueueRouting(_tenantId, leg.QueueId).InteractionCompleted(ended - leg.ConnectedAt, completed - ended);
        }
    }
}
