namespace Routing.Core.Lifecycle;

/// <summary>
/// Legs (each agent's part, from connection to the end of its wrap-up) and the deadlines the grain's one timer
/// watches. The current leg follows the interaction's own status; a leg ended by a transfer goes on alone, with its
/// own wrap-up deadline, and never changes the interaction's status, so the final state is reached once, by the last leg.
/// </summary>
public sealed partial class InteractionCase
{
    /// <summary>A new leg for <paramref name="agentId"/>, just connected from <paramref name="queueId"/> (the customer's
    /// grain hears who served them).</summary>
    public InteractionTransition StartLeg(string agentId, string queueId, TimeSpan maxWrapUpExtension, DateTimeOffset now)
    {
        state.Legs.Add(new InteractionLeg
        {
            AgentId = agentId,
            QueueId = queueId,
            ConnectedAt = now,
            MaxWrapUpExtension = maxWrapUpExtension,
        });
        return InteractionTransition.Accept(InteractionEffects.CustomerServed, agent: agentId);
    }

    /// <summary>The leg of the agent handling the interaction now, or null (none for interactions connected before
    /// legs were recorded).</summary>
    public InteractionLeg? CurrentLeg() => CurrentLegIndex() is var index and >= 0 ? state.Legs[index] : null;

    /// <summary>The leg of <paramref name="agentId"/> ended by a transfer and still in wrap-up, if any.</summary>
    public InteractionLeg? TransferredLegOf(string agentId) =>
        state.Legs.LastOrDefault(l => l.AgentId == agentId && l.IsWrappingUpAfterTransfer);

    /// <summary>Transferred legs whose wrap-up is due to end by itself.</summary>
    public IReadOnlyList<InteractionLeg> TransferredLegsDue(DateTimeOffset now) =>
        [.. state.Legs.Where(l => l.IsWrappingUpAfterTransfer && l.WrapUpDeadline <= now)];

    /// <summary>Ends the connected agent's leg because of a transfer: into wrap-up for <paramref name="wrapUpTime"/>
    /// (<see cref="InteractionTransition.WrapUpDeadline"/>), or finished at once when there is none. The interaction's
    /// status is the transfer's to change.</summary>
    public InteractionTransition EndLegByTransfer(string agentId, TimeSpan wrapUpTime, DateTimeOffset now)
    {
        DateTimeOffset? deadline = wrapUpTime > TimeSpan.Zero ? now + wrapUpTime : null;
        UpdateCurrentLeg(leg => leg with { EndedAt = now, Transferred = true, WrapUpDeadline = deadline, CompletedAt = deadline is null ? now : null });
        var handled = deadline is null && state.Legs.LastOrDefault(l => l.AgentId == agentId && l.Transferred) is { } finished
            ? HandleTimeOf(finished)
            : null;
        return InteractionTransition.Accept(
            InteractionEffects.RearmTimer | (handled is null ? InteractionEffects.None : InteractionEffects.ReportHandleTime),
            agent: agentId,
            wrapUpDeadline: deadline,
            handleTime: handled);
    }

    /// <summary>The agent finished the wrap-up of <paramref name="leg"/>, ended by a transfer (with a disposition, or
    /// its time ran out): its slot is freed. The interaction itself is not changed.</summary>
    public InteractionTransition CompleteTransferredLeg(InteractionLeg leg, Disposition? disposition, DateTimeOffset now)
    {
        var index = state.Legs.IndexOf(leg);
        if (index < 0 || !leg.IsWrappingUpAfterTransfer)
        {
            return InteractionTransition.Refused(InteractionRefusalKind.FailedPrecondition,
                $"agent '{leg.AgentId}' has no transferred part of interaction '{interactionId}' in wrap-up");
        }
        var done = leg with { CompletedAt = now, WrapUpDeadline = null, Disposition = disposition };
        state.Legs[index] = done;
        var handled = HandleTimeOf(done);
        return InteractionTransition.Accept(
            InteractionEffects.RearmTimer | InteractionEffects.FinishAgent | InteractionEffects.Write
                | (handled is null ? InteractionEffects.None : InteractionEffects.ReportHandleTime),
            agent: leg.AgentId,
            handleTime: handled);
    }

    /// <summary>The nearest deadline the timer watches: the ringing offer's, the wrap-up's or the max wait's (by status),
    /// the watchdog's next re-assertion while waiting (<paramref name="reassertAt"/>), a consult's, and transferred legs'
    /// wrap-ups. Null: nothing to watch.</summary>
    public DateTimeOffset? NextDeadline(DateTimeOffset? reassertAt)
    {
        var next = state.Status switch
        {
            InteractionStatus.Offered => state.OfferDeadline,
            InteractionStatus.WrapUp => state.WrapUpDeadline,
            InteractionStatus.Queued => state.WaitDeadline,
            _ => null,
        };
        if (state.Status == InteractionStatus.Queued && reassertAt is { } reassert && (next is null || reassert < next))
        {
            next = reassert;
        }
        if (ConsultDeadline is { } consult && (next is null || consult < next))
        {
            next = consult;
        }
        foreach (var leg in state.Legs)
        {
            if (leg.IsWrappingUpAfterTransfer && leg.WrapUpDeadline is { } end && (next is null || end < next))
            {
                next = end;
            }
        }
        return next;
    }

    private int CurrentLegIndex() => state.Legs.FindLastIndex(l => l.AgentId == state.AgentId && !l.Transferred && l.CompletedAt is null);

    /// <summary>Changes the current leg, if any, and returns it as changed.</summary>
    private InteractionLeg? UpdateCurrentLeg(Func<InteractionLeg, InteractionLeg> change)
    {
        var index = CurrentLegIndex();
        if (index < 0)
        {
            return null;
        }
        state.Legs[index] = change(state.Legs[index]);
        return state.Legs[index];
    }

    /// <summary>Talk (connected → ended) and wrap-up (ended → completed) of a finished leg.</summary>
    private static LegHandleTime? HandleTimeOf(InteractionLeg leg) =>
        leg.EndedAt is { } ended && leg.CompletedAt is { } completed ? new LegHandleTime(leg.QueueId, ended - leg.ConnectedAt, completed - ended) : null;
}
