namespace Routing.Core;

/// <summary>
/// An agent's work: its presence and its slots per channel. Every transition checks its guard first; refused,
/// it changes nothing. Accepted, it changes the state and returns the history moments and effects the agent
/// grain carries out. It works on the stored state in place and awaits nothing, so the grain's atomic methods
/// cannot be split between a check and its change: an agent never holds more than its capacity.
/// <code>
/// slots      from                 to          refused when
/// Reserve    (none)               Reserved    not configured, not Available, not a member (unless named),
///                                             held already, no capacity
/// ConfirmOffer Reserved           Offered     Offline, no slot, other phase
/// ConfirmConnected Reserved|Offered Connected no slot, other phase
/// BeginWrapUp Connected           WrapUp      no slot, other phase
/// Finish     any                  (none)      no slot
/// ReleaseOffer Reserved|Offered   (none)      no slot, other phase; a missed offer may make it NotReady
/// DropReservation Reserved        (none)      no slot, other phase
/// DropStaleReservations Reserved  (none)      nothing old enough
///
/// presence   from                 to                  refused when
/// Login      Offline              NotReady(logged-in) not Offline
/// SetReady   Offline|NotReady     Available           Available
/// SetNotReady Available|NotReady  NotReady(reason)    Offline, same reason, invalid reason
/// Logout     Available|NotReady   Offline             Offline, connected or wrap-up work
/// GoOffline  Available|NotReady   Offline             Offline (work in progress stays and finishes)
/// </code>
/// Presence and slots are independent: Connected and wrap-up work finishes whatever the presence.
/// </summary>
public sealed partial class AgentWorkload(IAgentWorkloadState state, AgentTerms? terms)
{
    private const int DefaultNoAnswerThreshold = 1;

    /// <summary>Slots in use per channel.</summary>
    public ChannelCounts Load()
    {
        if (state.Slots.Count == 0)
        {
            return ChannelCounts.Zero;
        }
        // Counted first and built once: it is asked several times per change (free channels, occupancy, moments).
        Span<int> counts = stackalloc int[Channels.All.Length];
        foreach (var slot in state.Slots.Values)
        {
            counts[(int)slot.Channel]++;
        }
        return new ChannelCounts { Voice = counts[(int)Channel.Voice], Chat = counts[(int)Channel.Chat], Email = counts[(int)Channel.Email], Message = counts[(int)Channel.Message], Callback = counts[(int)Channel.Callback] };
    }

    /// <summary>Interactions connected or in wrap-up (which keep the agent from logging out).</summary>
    public int InProgress => state.Slots.Values.Count(s => s.Phase is SlotPhase.Connected or SlotPhase.WrapUp);

    /// <summary>The channels on which the agent takes one more interaction now; none unless Available.</summary>
    public Channel[] FreeChannels() => terms is not null && state.Presence == Presence.Available
        ? CapacityRules.FreeChannels(terms.Capacity, Load(), terms.VoiceIsExclusive)
        : [];

    /// <summary>Load as a fraction of capacity; an agent without configuration counts as full.</summary>
    public double Occupancy() => terms is null ? 1.0 : CapacityRules.Occupancy(terms.Capacity, Load());

    /// <summary>Interactions connected on <paramref name="today"/>; zero once the day has turned since the last one.</summary>
    public int InteractionsOn(int today) => state.TodayDayNumber == today ? state.InteractionsToday : 0;

    /// <summary>The agent as it stands now, for a history entry caused outside the workload (its removal).</summary>
    public AgentMoment Moment(AgentCause cause, DateTimeOffset now) => MomentOf(cause, null, now);

    /// <summary>Holds a slot for an offer about to be made.</summary>
    public AgentTransition Reserve(string interactionId, string queueId, Channel channel, ReservationSource source, DateTimeOffset now)
    {
        if (terms is null)
        {
            return AgentTransition.Refused(AgentRefusal.NotConfigured);
        }
        if (state.Presence != Presence.Available)
        {
            return AgentTransition.Refused(AgentRefusal.NotAvailable);
        }
        if (source != ReservationSource.Named && Array.IndexOf(terms.Queues, queueId) < 0)
        {
            return AgentTransition.Refused(AgentRefusal.NotAMember);
        }
        if (!CapacityRules.CanAccept(terms.Capacity, Load(), channel, terms.VoiceIsExclusive))
        {
            return AgentTransition.Refused(AgentRefusal.NoCapacity);
        }
        if (state.Slots.ContainsKey(interactionId))
        {
            return AgentTransition.Refused(AgentRefusal.AlreadyHeld);
        }
        state.Slots[interactionId] = new AgentSlot
        {
            InteractionId = interactionId,
            QueueId = queueId,
            Channel = channel,
            Phase = SlotPhase.Reserved,
            Since = now,
        };
        return AgentTransition.Accept(
            [MomentOf(AgentCause.Reserved, interactionId, now)],
            AgentEffects.Unseen | (source == ReservationSource.OwnLook ? AgentEffects.None : AgentEffects.AnnounceAvailability));
    }

    /// <summary>The offer was made: the reserved slot rings. Not while Offline (the offer is then withdrawn).</summary>
    public AgentTransition ConfirmOffer(string interactionId, DateTimeOffset now)
    {
        if (state.Presence == Presence.Offline)
        {
            return AgentTransition.Refused(AgentRefusal.Offline);
        }
        if (Guard(interactionId, SlotPhase.Reserved) is { } refused)
        {
            return refused;
        }
        Move(interactionId, SlotPhase.Offered, now);
        return AgentTransition.Accept([MomentOf(AgentCause.Offered, interactionId, now)], AgentEffects.TellOffer);
    }

    /// <summary>The agent (or a transfer's target) is connected: counted for today, and its run of misses ends.</summary>
    public AgentTransition ConfirmConnected(string interactionId, int today, DateTimeOffset now)
    {
        if (Guard(interactionId, SlotPhase.Reserved, SlotPhase.Offered) is { } refused)
        {
            return refused;
        }
        Move(interactionId, SlotPhase.Connected, now);
        state.ConsecutiveMisses = 0;
        if (state.TodayDayNumber != today)
        {
            state.TodayDayNumber = today;
            state.InteractionsToday = 0;
        }
        state.InteractionsToday++;
        return AgentTransition.Accept([MomentOf(AgentCause.Connected, interactionId, now)]);
    }

    public AgentTransition BeginWrapUp(string interactionId, DateTimeOffset now)
    {
        if (Guard(interactionId, SlotPhase.Connected) is { } refused)
        {
            return refused;
        }
        Move(interactionId, SlotPhase.WrapUp, now);
        return AgentTransition.Accept([MomentOf(AgentCause.WrapUp, interactionId, now)]);
    }

    /// <summary>The interaction is done with this agent, from whatever phase: the slot is free for new work.</summary>
    public AgentTransition Finish(string interactionId, DateTimeOffset now)
    {
        if (!state.Slots.Remove(interactionId))
        {
            return AgentTransition.Refused(AgentRefusal.NoSlot);
        }
        MarkIdleIfNoWork(now);
        return AgentTransition.Accept([MomentOf(AgentCause.Finished, interactionId, now)], AgentEffects.LookForWork);
    }

    /// <summary>
    /// An offer ended without a connection (<paramref name="released"/>, one of the Released causes, names how): its
    /// slot is free. One that rang out (<paramref name="unanswered"/>) counts a miss; enough misses in a row make an
    /// Available agent not ready.
    /// </summary>
    public AgentTransition ReleaseOffer(string interactionId, AgentCause released, bool unanswered, DateTimeOffset now)
    {
        if (Guard(interactionId, SlotPhase.Reserved, SlotPhase.Offered) is { } refused)
        {
            return refused;
        }
        var rang = state.Slots[interactionId].Phase == SlotPhase.Offered;
        state.Slots.Remove(interactionId);
        MarkIdleIfNoWork(now);
        var effects = AgentEffects.LookForWork | (rang ? AgentEffects.TellOfferEnded : AgentEffects.Unseen);
        List<AgentMoment> moments = [MomentOf(released, interactionId, now)];
        if (unanswered)
        {
            state.ConsecutiveMisses++;
            if (state.Presence == Presence.Available && state.ConsecutiveMisses >= (terms?.NoAnswerThreshold ?? DefaultNoAnswerThreshold))
            {
                moments.Add(ChangePresence(Presence.NotReady, NotReadyReasons.NoAnswer, AgentCause.NoAnswer, now));
                effects = (effects | AgentEffects.NoAnswer | AgentEffects.AnnounceAvailability) & ~AgentEffects.Unseen;
            }
        }
        return AgentTransition.Accept(moments, effects);
    }

    /// <summary>The agent's own look reserved a slot for work whose offer did not happen: the slot is free again.</summary>
    public AgentTransition DropReservation(string interactionId, DateTimeOffset now)
    {
        if (Guard(interactionId, SlotPhase.Reserved) is { } refused)
        {
            return refused;
        }
        state.Slots.Remove(interactionId);
        MarkIdleIfNoWork(now);
        return AgentTransition.Accept([MomentOf(AgentCause.ReleasedUnclaimed, interactionId, now)], AgentEffects.Unseen);
    }

    /// <summary>
    /// Drops reservations older than <paramref name="maxAge"/> (all of them when zero). A reservation lives only
    /// while one offer is being made; if a call of that offer failed (a silo died midway) its release may never
    /// arrive, and the slot would block the agent's capacity for good. An offer still in flight after this finds
    /// no reservation at ConfirmOffer and is withdrawn, so nothing rings twice.
    /// </summary>
    public AgentTransition DropStaleReservations(TimeSpan maxAge, DateTimeOffset now)
    {
        var cutoff = now - maxAge;
        bool IsStale(AgentSlot s) => s.Phase == SlotPhase.Reserved && (maxAge <= TimeSpan.Zero || s.Since < cutoff);
        // Runs before every reservation: nothing is allocated in the usual case, where nothing is stale.
        var anyStale = false;
        foreach (var slot in state.Slots.Values)
        {
            anyStale |= IsStale(slot);
        }
        if (!anyStale)
        {
            return AgentTransition.Refused(AgentRefusal.NothingStale);
        }
        var moments = new List<AgentMoment>();
        foreach (var slot in state.Slots.Values.Where(IsStale).ToList())
        {
            state.Slots.Remove(slot.InteractionId);
            moments.Add(MomentOf(AgentCause.ReleasedStale, slot.InteractionId, now));
        }
        MarkIdleIfNoWork(now);
        return AgentTransition.Accept(moments, AgentEffects.Unseen);
    }

    /// <summary>Null when the agent holds <paramref name="interactionId"/> in one of <paramref name="phases"/>;
    /// otherwise the refusal.</summary>
    private AgentTransition? Guard(string interactionId, params ReadOnlySpan<SlotPhase> phases)
    {
        if (!state.Slots.TryGetValue(interactionId, out var slot))
        {
            return AgentTransition.Refused(AgentRefusal.NoSlot);
        }
        return phases.Contains(slot.Phase) ? null : AgentTransition.Refused(AgentRefusal.WrongPhase);
    }

    private void Move(string interactionId, SlotPhase phase, DateTimeOffset now) =>
        state.Slots[interactionId] = state.Slots[interactionId] with { Phase = phase, Since = now };

    private void MarkIdleIfNoWork(DateTimeOffset now)
    {
        if (state.Slots.Count == 0)
        {
            state.IdleSince = now;
        }
    }

    private AgentMoment MomentOf(AgentCause cause, string? interactionId, DateTimeOffset now) =>
        new(now, cause, interactionId, state.Presence, state.Reason, Load(), PresenceChanged: false);
}
