namespace Routing.Core;

/// <summary>The presence transitions (see the table on <see cref="AgentWorkload"/>).</summary>
public sealed partial class AgentWorkload
{
    /// <summary>Logs in: NotReady until the agent makes itself available. Queues count logged-in agents.</summary>
    public AgentTransition Login(DateTimeOffset now)
    {
        if (state.Presence != Presence.Offline)
        {
            return AgentTransition.Refused(AgentRefusal.AlreadyInPresence);
        }
        return AgentTransition.Accept(
            [ChangePresence(Presence.NotReady, NotReadyReasons.LoggedIn, AgentCause.Login, now)],
            AgentEffects.AnnounceAvailability);
    }

    /// <summary>Available (logging in first when Offline), with a fresh run of misses; it then looks for work,
    /// which announces its availability once no queue has work for it.</summary>
    public AgentTransition SetReady(DateTimeOffset now)
    {
        if (state.Presence == Presence.Available)
        {
            return AgentTransition.Refused(AgentRefusal.AlreadyInPresence);
        }
        var moments = new List<AgentMoment>(2);
        if (state.Presence == Presence.Offline)
        {
            moments.Add(ChangePresence(Presence.NotReady, NotReadyReasons.LoggedIn, AgentCause.Login, now));
        }
        state.ConsecutiveMisses = 0;
        MarkIdleIfNoWork(now);
        moments.Add(ChangePresence(Presence.Available, null, AgentCause.Ready, now));
        return AgentTransition.Accept(moments, AgentEffects.LookForWork);
    }

    /// <summary>Not ready for <paramref name="reason"/>; work in progress stays.</summary>
    public AgentTransition SetNotReady(string reason, DateTimeOffset now)
    {
        if (EntityId.Problem("not-ready reason", reason) is { } problem)
        {
            return AgentTransition.Invalid(problem);
        }
        if (state.Presence == Presence.Offline)
        {
            return AgentTransition.Refused(AgentRefusal.Offline);
        }
        if (state.Presence == Presence.NotReady && state.Reason == reason)
        {
            return AgentTransition.Refused(AgentRefusal.AlreadyInPresence);
        }
        return AgentTransition.Accept(
            [ChangePresence(Presence.NotReady, reason, AgentCause.NotReady, now)],
            AgentEffects.AnnounceAvailability);
    }

    /// <summary>The agent logs out: only with no connected or wrap-up work, which would be left without an agent.</summary>
    public AgentTransition Logout(DateTimeOffset now)
    {
        if (state.Presence != Presence.Offline && InProgress > 0)
        {
            return AgentTransition.Refused(AgentRefusal.WorkInProgress);
        }
        return GoOffline(AgentCause.Logout, now);
    }

    /// <summary>
    /// Goes Offline for <paramref name="cause"/>: slots held for offers still being made are dropped (the offering
    /// queue finds them gone and withdraws), ringing offers are for the grain to withdraw (each comes back through
    /// <see cref="ReleaseOffer"/>). Connected and wrap-up work stays: it finishes through its own End, Complete and
    /// timers. Offline first, so no reservation can slip in while ringing offers are withdrawn.
    /// </summary>
    public AgentTransition GoOffline(AgentCause cause, DateTimeOffset now)
    {
        if (state.Presence == Presence.Offline)
        {
            return AgentTransition.Refused(AgentRefusal.AlreadyInPresence);
        }
        string[] ringing = [.. state.Slots.Values.Where(s => s.Phase == SlotPhase.Offered).Select(s => s.InteractionId)];
        List<AgentMoment> moments = [ChangePresence(Presence.Offline, null, cause, now)];
        foreach (var reserved in state.Slots.Values.Where(s => s.Phase == SlotPhase.Reserved).ToArray())
        {
            state.Slots.Remove(reserved.InteractionId);
            MarkIdleIfNoWork(now);
            moments.Add(MomentOf(AgentCause.ReleasedWithdrawn, reserved.InteractionId, now));
        }
        return AgentTransition.Accept(moments, AgentEffects.AnnounceAvailability, ringing);
    }

    private AgentMoment ChangePresence(Presence presence, string? reason, AgentCause cause, DateTimeOffset now)
    {
        state.Presence = presence;
        state.Reason = reason;
        return MomentOf(cause, null, now) with { PresenceChanged = true };
    }
}
