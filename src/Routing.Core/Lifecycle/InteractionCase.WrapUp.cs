namespace Routing.Core.Lifecycle;

/// <summary>The end of the talk, the wrap-up (its deadline and extensions) and completion.</summary>
public sealed partial class InteractionCase
{
    /// <summary>A wrap-up extension asked for is more than zero and at most this.</summary>
    public static readonly TimeSpan MaxWrapUpExtensionAsked = TimeSpan.FromHours(24);

    /// <summary>Connected → WrapUp: the talk ends, on the agent's leg and in the events.</summary>
    public InteractionTransition EndTalk(string detail, DateTimeOffset now)
    {
        if (NotConnected() is { } refused)
        {
            return refused;
        }
        var agentId = state.AgentId!;
        Move(InteractionTrigger.EndTalk);
        UpdateCurrentLeg(leg => leg with { EndedAt = now });
        return InteractionTransition.Accept(InteractionEffects.None, [Note(InteractionEventKind.Ended, agentId, detail)], agentId);
    }

    /// <summary>Connected → WrapUp for <paramref name="wrapUpTime"/> (the offering queue's, or the agent's own), or on
    /// to Completed at once when there is none.</summary>
    public InteractionTransition EndConversation(string detail, TimeSpan wrapUpTime, DateTimeOffset now)
    {
        var ended = EndTalk(detail, now);
        if (!ended.Accepted)
        {
            return ended;
        }
        if (wrapUpTime <= TimeSpan.Zero)
        {
            return ended.Then(Complete(null, now));
        }
        var deadline = now + wrapUpTime;
        state.WrapUpDeadline = deadline;
        UpdateCurrentLeg(leg => leg with { WrapUpDeadline = deadline });
        return ended.Then(InteractionTransition.Accept(
            InteractionEffects.BeginWrapUp | InteractionEffects.RearmTimer | InteractionEffects.Write,
            agent: state.AgentId,
            wrapUpDeadline: deadline));
    }

    /// <summary>WrapUp → Completed, with the agent's <paramref name="disposition"/> or none when its time ran out.</summary>
    public InteractionTransition Complete(Disposition? disposition, DateTimeOffset now)
    {
        if (state.Status != InteractionStatus.WrapUp)
        {
            return InteractionTransition.Refused(InteractionRefusalKind.FailedPrecondition, $"interaction '{interactionId}' is not in wrap-up: it is {Describe()}");
        }
        var agentId = state.AgentId!;
        Move(InteractionTrigger.Complete);
        state.WrapUpDeadline = null;
        state.Disposition = disposition;
        var leg = UpdateCurrentLeg(leg => leg with { CompletedAt = now, WrapUpDeadline = null, Disposition = disposition });
        var handled = leg is null ? null : HandleTimeOf(leg);
        return InteractionTransition.Accept(
            InteractionEffects.RearmTimer | InteractionEffects.FinishAgent | InteractionEffects.Write
                | (handled is null ? InteractionEffects.None : InteractionEffects.ReportHandleTime),
            [Note(InteractionEventKind.Completed, agentId, disposition?.Code)],
            agentId,
            handleTime: handled);
    }

    /// <summary>The wrap-up is due to end by itself.</summary>
    public bool WrapUpElapsed(DateTimeOffset now) => state.Status == InteractionStatus.WrapUp && state.WrapUpDeadline <= now;

    /// <summary>
    /// <paramref name="more"/> wrap-up time for <paramref name="agentId"/>'s wrap-up (the interaction's own, or that of
    /// its leg ended by a transfer), within the leg's <c>MaxWrapUpExtension</c> in all (<paramref name="termsMaxExtension"/>
    /// for an interaction without legs). The new deadline is <see cref="InteractionTransition.WrapUpDeadline"/>.
    /// </summary>
    public InteractionTransition ExtendWrapUp(string agentId, TimeSpan more, TimeSpan termsMaxExtension)
    {
        if (EntityId.Problem("agent", agentId) is { } problem)
        {
            return InteractionTransition.Refused(InteractionRefusalKind.InvalidArgument, problem);
        }
        if (RefuseUnlessCreated() is { } missing)
        {
            return InteractionTransition.Refused(missing);
        }
        if (more <= TimeSpan.Zero || more > MaxWrapUpExtensionAsked)
        {
            return InteractionTransition.Refused(InteractionRefusalKind.InvalidArgument, "the wrap-up extension must be more than 0 and at most 24 hours");
        }
        var current = state.AgentId == agentId && state.Status == InteractionStatus.WrapUp;
        var leg = current ? CurrentLeg() : TransferredLegOf(agentId);
        var deadline = current ? state.WrapUpDeadline : leg?.WrapUpDeadline;
        if (deadline is null)
        {
            return InteractionTransition.Refused(InteractionRefusalKind.FailedPrecondition,
                $"agent '{agentId}' is not wrapping up interaction '{interactionId}': it is {Describe()}");
        }
        var used = leg?.WrapUpExtended ?? TimeSpan.Zero;
        var max = leg?.MaxWrapUpExtension ?? termsMaxExtension;
        if (used + more > max)
        {
            return InteractionTransition.Refused(InteractionRefusalKind.FailedPrecondition,
                $"wrap-up of interaction '{interactionId}' can be extended by at most {max.TotalSeconds:0} s in all; "
                + $"{used.TotalSeconds:0} s already granted, {more.TotalSeconds:0} s more asked");
        }
        var until = deadline.Value + more;
        if (current)
        {
            state.WrapUpDeadline = until;
        }
        if (leg is not null)
        {
            state.Legs[state.Legs.IndexOf(leg)] = leg with { WrapUpDeadline = until, WrapUpExtended = used + more };
        }
        return InteractionTransition.Accept(InteractionEffects.RearmTimer | InteractionEffects.Write, agent: agentId, wrapUpDeadline: until);
    }
}
