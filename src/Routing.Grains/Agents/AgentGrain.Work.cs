using Routing.Abstractions;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Protocol;
using Routing.Abstractions.Queues;
using Routing.Core;

namespace Routing.Grains.Agents;

/// <summary>
/// Agent-side routing. When an agent becomes free it asks every queue it serves for its best
/// waiting interaction and takes the best-scored one (cross-queue fairness); only when none has work
/// does it announce itself available, so queues can offer it new arrivals directly. An agent of one
/// queue does both in one call.
/// </summary>
internal sealed partial class AgentGrain
{
    /// <summary>Rounds of one look for work: one offer per round, as long as capacity lasts.</summary>
    private const int MaxOffersPerLook = 64;

    private bool _lookScheduled;
    private IAgentRouting? _self;
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
        Carry(Work.DropStaleReservations(_staleClaimAge, Now));
        for (var round = 0; round < MaxOffersPerLook; round++)
        {
            var me = Availability();
            if (!me.IsAvailable || !await TakeOneAsync(me))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Compares every queue's best interaction for this agent and claims the best-scored one. If another
    /// agent took it meanwhile, the same queue hands over its next best as long as that still beats the
    /// runner-up queue; otherwise the runner-up is tried. False when no queue has work for the agent.
    /// </summary>
    private async Task<bool> TakeOneAsync(AgentCandidate me)
    {
        if (Queues is [var onlyQueue])
        {
            return await TakeFromOnlyQueueAsync(onlyQueue, me);
        }
        var candidates = (await Task.WhenAll(Queues.Select(q => q.PeekFor(me))))
            .OfType<QueueCandidate>()
            .OrderBy(c => c.EffectiveArrival)
            .ThenBy(c => c.QueueId, StringComparer.Ordinal)
            .ToList();
        for (var i = 0; i < candidates.Count; i++)
        {
            var queue = GrainFactory.QueueRouting(_tenantId, candidates[i].QueueId);
            var notAfter = i + 1 < candidates.Count ? candidates[i + 1].EffectiveArrival : DateTimeOffset.MaxValue;
            var claim = await queue.ClaimBestFor(me, notAfter);
            if (claim is null)
            {
                continue;
            }
            await OfferToMeAsync(queue, claim);
            return true;
        }
        return false;
    }

    /// <summary>An agent of one queue has no queues to compare: one call claims that queue's best for it or, when there
    /// is none, leaves its availability there, which then need not be sent again.</summary>
    private async Task<bool> TakeFromOnlyQueueAsync(IQueueRouting queue, AgentCandidate me)
    {
        var claim = await queue.ClaimBestOrListen(me);
        if (claim is null)
        {
            // What the queue now knows; a change since then goes out when the look ends (PublishAvailability).
            _published = me;
            return false;
        }
        await OfferToMeAsync(queue, claim);
        return true;
    }

    /// <summary>The pull side of the offer handshake: the agent reserves itself, the interaction makes the offer,
    /// the agent confirms it to itself. Whatever fails on the way gives the agent's slot back and puts the
    /// interaction back in its place (<see cref="OfferHandshake"/>).</summary>
    private async Task OfferToMeAsync(IQueueRouting queue, Claim claim)
    {
        var entry = claim.Entry;
        var interactionId = entry.InteractionId;
        var interaction = GrainFactory.InteractionRouting(_tenantId, interactionId);
        var offer = await new OfferHandshake
        {
            // The awaits before this let reservations from queues in: the reservation checks capacity again.
            Reserve = () => Task.FromResult(Carry(Work.Reserve(interactionId, claim.Offer.QueueId, entry.Channel, ReservationSource.OwnLook, Now))),
            Offer = () => interaction.Offer(claim.Offer),
            Confirm = ConfirmOffer,
            GiveBack = () => queue.ReturnToLine(ToRequest(entry), _agentId, Now),
            Release = () =>
            {
                Carry(Work.DropReservation(interactionId, Now));
                return Task.CompletedTask;
            },
            Drop = () => queue.Remove(interactionId, QueueExit.Withdrawn),
            // The agent went offline while the offer was made (going offline drops reservations): as for a queue's
            // offer, the interaction is taken back rather than left ringing nowhere until its offer times out.
            // Withdraw awaits only atomic methods (this agent's ReleaseOffer interleaves), so no cycle.
            Withdraw = () => interaction.Withdraw(_agentId),
        }.RunAsync();
        if (offer is not null)
        {
            GrainLog.Offered(_logger, GrainKeys.Compose(_tenantId, interactionId), claim.Offer.QueueId, _agentId, offer.Attempt, "agent pulled best across its queues");
        }
    }

    private static EnqueueRequest ToRequest(WaitingEntry entry) => new()
    {
        InteractionId = entry.InteractionId,
        Channel = entry.Channel,
        Arrival = entry.Arrival,
        Priority = entry.Priority,
        RequiredSkills = entry.Requirements,
    };

    private void ScheduleLookForWork()
    {
        if (_lookScheduled || State.Presence != Presence.Available)
        {
            return;
        }
        _lookScheduled = true;
        // The reference is made once: making one resolves the interface's type by name each time.
        _ = (_self ??= this.AsReference<IAgentRouting>()).LookForWork();
    }

    /// <summary>What queues need to know to offer this agent work.</summary>
    private AgentCandidate Availability()
    {
        var settings = State.Settings;
        var work = Work;
        return new AgentCandidate
        {
            AgentId = _agentId,
            Skills = _skills ??= new SkillSet(settings?.Definition.Skills ?? []),
            FreeChannels = work.FreeChannels(),
            IdleSince = State.IdleSince,
            Occupancy = work.Occupancy(),
            InteractionsToday = InteractionsToday(),
            Version = State.Version,
            Presence = State.Presence,
            WrapUpTime = settings?.Definition.WrapUpTime,
        };
    }

    private SkillSet? _skills;
    private TimeZoneInfo? _zone;
    private IQueueRouting[]? _queues;
    /// <summary>While a queue's reservation is carried out: that queue, which learns the availability from the
    /// reservation's answer, so it is not told a second time.</summary>
    private string? _reservingQueue;

    /// <summary>References to the agent's queues in the order of <c>State.Settings.Queues</c>, resolved once per
    /// configuration (resolving a grain by its string key showed up in profiles of the look-for-work path).</summary>
    private IQueueRouting[] Queues => _queues ??= [.. (State.Settings?.Queues ?? []).Select(q => GrainFactory.QueueRouting(_tenantId, q))];

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
        var queues = Queues;
        var queueIds = State.Settings?.Queues ?? [];
        for (var i = 0; i < queues.Length; i++)
        {
            if (!string.Equals(queueIds[i], _reservingQueue, StringComparison.Ordinal))
            {
                _ = queues[i].AgentAvailabilityChanged(now);
            }
        }
    }

    private static bool SameOffer(AgentCandidate a, AgentCandidate b) =>
        ReferenceEquals(a.Skills, b.Skills)
        && a.FreeChannels.SequenceEqual(b.FreeChannels)
        && a.IdleSince == b.IdleSince
        && a.InteractionsToday == b.InteractionsToday
        && a.Presence == b.Presence
        && Math.Abs(a.Occupancy - b.Occupancy) < 1e-9;
}
