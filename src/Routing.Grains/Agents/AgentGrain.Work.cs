using Routing.Abstractions;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Queues;
using Routing.Core;

namespace Routing.Grains.Agents;

/// <summary>
/// Agent-side routing. When an agent becomes free it asks every queue it serves for its best
/// waiting interaction and takes the best-scored one (cross-queue fairness); only when none has work
/// does it announce itself available, so queues can offer it new arrivals directly.
/// </summary>
internal sealed partial class AgentGrain
{
    /// <summary>Rounds of one look for work: one offer per round, as long as capacity lasts.</summary>
    private const int MaxOffersPerLook = 64;

    private bool _lookScheduled;
    private AgentCandidate? _published;

    public async Task LookForWork()
    {
        _lookScheduled = false;
        try
        {
            await TakeBestWorkAsync();
        }
        catch (Exception exception)
        {
            GrainLog.LookForWorkFailed(_logger, exception, this.GetPrimaryKeyString());
        }
        finally
        {
            PublishAvailability();
        }
    }

    public Task AnnounceAvailability()
    {
        PublishAvailability(force: true);
        return Task.CompletedTask;
    }

    private async Task TakeBestWorkAsync()
    {
        for (var round = 0; round < MaxOffersPerLook; round++)
        {
            var me = Availability();
            if (!me.IsAvailable)
            {
                return;
            }
            var best = await BestCandidateAsync(me);
            if (best is null)
            {
                return;
            }
            // The awaits above let reservations from queues in: check capacity again.
            if (!CanTake(best.Channel, best.QueueId) || State.Slots.ContainsKey(best.InteractionId))
            {
                continue;
            }
            State.Slots[best.InteractionId] = new AgentSlot
            {
                InteractionId = best.InteractionId,
                QueueId = best.QueueId,
                Channel = best.Channel,
                Phase = SlotPhase.Reserved,
                Since = Now,
            };
            Record("reserved", best.InteractionId);
            try
            {
                await OfferToMeAsync(best);
            }
            catch
            {
                // A call failed midway: free the slot. If the offer did reach the interaction, its
                // timeout ends it; if not, the interaction re-asserts its place in line.
                DropReservation(best.InteractionId);
                throw;
            }
        }
    }

    private async Task<QueueCandidate?> BestCandidateAsync(AgentCandidate me)
    {
        var queues = State.Settings?.Queues ?? [];
        var candidates = await Task.WhenAll(queues.Select(q => GrainFactory.Queue(_tenantId, q).PeekFor(me)));
        QueueCandidate? best = null;
        foreach (var candidate in candidates)
        {
            if (candidate is not null
                && (best is null
                    || candidate.EffectiveArrival < best.EffectiveArrival
                    || (candidate.EffectiveArrival == best.EffectiveArrival && string.CompareOrdinal(candidate.QueueId, best.QueueId) < 0)))
            {
                best = candidate;
            }
        }
        return best;
    }

    /// <summary>Claims the interaction from its queue and offers it to this agent; on any failure the
    /// reserved slot is given back.</summary>
    private async Task OfferToMeAsync(QueueCandidate best)
    {
        var queue = GrainFactory.Queue(_tenantId, best.QueueId);
        var claim = await queue.ClaimFor(best.InteractionId, _agentId);
        if (claim is null)
        {
            DropReservation(best.InteractionId);
            return;
        }
        var offer = await GrainFactory.Interaction(_tenantId, best.InteractionId).Offer(claim.Offer);
        if (offer is null)
        {
            DropReservation(best.InteractionId);
            await queue.Remove(best.InteractionId);
            return;
        }
        if (State.Slots.TryGetValue(best.InteractionId, out var slot) && slot.Phase == SlotPhase.Reserved)
        {
            await ConfirmOffer(offer);
            GrainLog.Offered(_logger, GrainKeys.Compose(_tenantId, best.InteractionId), best.QueueId, _agentId, offer.Attempt, "agent pulled best across its queues");
        }
    }

    private void DropReservation(string interactionId)
    {
        if (State.Slots.TryGetValue(interactionId, out var slot) && slot.Phase == SlotPhase.Reserved)
        {
            State.Slots.Remove(interactionId);
            MarkIdleIfNoWork();
            Record("released-unclaimed", interactionId);
        }
    }

    private void ScheduleLookForWork()
    {
        if (_lookScheduled || State.Presence != Presence.Available)
        {
            return;
        }
        _lookScheduled = true;
        _ = this.AsReference<IAgentGrain>().LookForWork();
    }

    /// <summary>What queues need to know to offer this agent work.</summary>
    private AgentCandidate Availability()
    {
        var settings = State.Settings;
        var free = settings is not null && State.Presence == Presence.Available
            ? CapacityRules.FreeChannels(settings.Definition.Capacity, Load(), settings.VoiceIsExclusive)
            : [];
        return new AgentCandidate
        {
            AgentId = _agentId,
            Skills = _skills ??= new SkillSet(settings?.Definition.Skills ?? []),
            FreeChannels = free,
            IdleSince = State.IdleSince,
            Occupancy = settings is null ? 1.0 : CapacityRules.Occupancy(settings.Definition.Capacity, Load()),
            InteractionsToday = State.InteractionsToday,
            Version = State.Version,
        };
    }

    private SkillSet? _skills;

    /// <summary>
    /// Tells the agent's queues how available it is. Less availability goes out at once, so queues stop
    /// offering; more goes out only when no look for work is pending, so the agent's own pick of the
    /// best interaction across its queues comes before any single queue's offer.
    /// </summary>
    private void PublishAvailability(bool force = false)
    {
        var now = Availability();
        if (!force)
        {
            var reduced = _published is not null && _published.FreeChannels.Except(now.FreeChannels).Any();
            if (!reduced && (_lookScheduled || (_published is not null && SameOffer(_published, now))))
            {
                return;
            }
        }
        _published = now;
        foreach (var queueId in State.Settings?.Queues ?? [])
        {
            _ = GrainFactory.Queue(_tenantId, queueId).AgentAvailabilityChanged(now);
        }
    }

    private static bool SameOffer(AgentCandidate a, AgentCandidate b) =>
        ReferenceEquals(a.Skills, b.Skills)
        && a.FreeChannels.SequenceEqual(b.FreeChannels)
        && a.IdleSince == b.IdleSince
        && a.InteractionsToday == b.InteractionsToday
        && Math.Abs(a.Occupancy - b.Occupancy) < 1e-9;
}
