using Routing.Abstractions;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Interactions;
using Routing.Abstractions.Protocol;
using Routing.Core;

namespace Routing.Grains.Queues;

/// <summary>
/// Queue-side routing: offers waiting interactions, best score first, to available agents chosen by
/// the queue's strategy. Runs as its own turn (a message the queue sends itself), and only awaits
/// atomic methods of agents and interactions, so it can never wait on a call that waits on it.
/// </summary>
internal sealed partial class QueueGrain
{
    private bool _dispatchScheduled;
    private IQueueRouting? _self;

    /// <summary>After a routing pass failed (a call timed out under overload, a silo died) the queue tries
    /// again this soon: nothing else might start a pass for work that is already waiting.</summary>
    private static readonly TimeSpan DispatchRetryDelay = TimeSpan.FromSeconds(1);

    public async Task Dispatch()
    {
        _dispatchScheduled = false;
        // The pass judges each entry's eligibility at its own moment, all at or after this one; the timer then looks
        // for changes from this moment on, so a step that begins during the pass (or just after an early timer fired
        // the pass) still has a pass after it.
        var passStarted = Now;
        var failed = false;
        try
        {
            await OfferWaitingWorkAsync();
        }
        catch (Exception exception)
        {
            failed = true;
            GrainLog.DispatchFailed(_logger, exception, this.GetPrimaryKeyString());
        }
        ArmChangeTimer(passStarted, failed ? Now + DispatchRetryDelay : null);
    }

    private void ScheduleDispatch()
    {
        if (_dispatchScheduled)
        {
            return;
        }
        _dispatchScheduled = true;
        // The reference is made once: making one resolves the interface's type by name each time.
        _ = (_self ??= this.AsReference<IQueueRouting>()).Dispatch();
    }

    private async Task OfferWaitingWorkAsync()
    {
        var progress = true;
        while (progress && Line.Count > 0 && Available.Count > 0 && State.Definition is not null)
        {
            progress = false;
            // A copy: the line changes while offers are awaited.
            foreach (var entry in Line.InOrder().ToArray())
            {
                if (Available.Count == 0)
                {
                    return;
                }
                if (Line.Contains(entry.InteractionId) && await TryOfferAsync(entry))
                {
                    progress = true;
                }
            }
        }
    }

    /// <summary>Offers one waiting interaction to the best available agent. True when an offer was made
    /// or the index learned something (so another pass is worth it).</summary>
    private async Task<bool> TryOfferAsync(WaitingEntry entry)
    {
        var now = Now;
        bool IsEligible(AgentCandidate a) => a.HasFree(entry.Channel) && entry.IsEligible(a.AgentId, a.Skills, now);
        // While the interaction waits for its preferred agent, no one else is eligible: look that agent up
        // rather than test every available one.
        var agent = entry.PreferredAgentId is { } preferred && now < entry.PreferredUntil
            ? Available.TryGet(preferred, out var only) && IsEligible(only) ? _selector.Select([only], entry.Requirements) : null
            : _selector.Select(Available, IsEligible, entry.Requirements);
        if (agent is null)
        {
            return false;
        }
        State.RoundRobinCursor = _selector.LastChosen;
        Line.TryRemove(entry.InteractionId, out _);
        LineChanged();
        State.Offered[entry.InteractionId] = new OfferedEntry(entry, agent.AgentId, now);
        try
        {
            await OfferToAsync(entry, agent);
        }
        finally
        {
            _writer.Schedule();
        }
        return true;
    }

    /// <summary>The push side of the offer handshake: the queue reserves the agent, the interaction makes the offer,
    /// the agent is told. A call that fails midway gives back the agent's slot (if it was held) and the
    /// interaction's place (<see cref="OfferHandshake"/>), then fails the pass.</summary>
    private async Task OfferToAsync(WaitingEntry entry, AgentCandidate agent)
    {
        var agentId = agent.AgentId;
        var definition = State.Definition!;
        var agentGrain = GrainFactory.AgentRouting(_tenantId, agentId);
        var interaction = GrainFactory.InteractionRouting(_tenantId, entry.InteractionId);
        var offer = await new OfferHandshake
        {
            Reserve = async () =>
            {
                var reservation = await agentGrain.TryReserve(new ReservationRequest(entry.InteractionId, _queueId, entry.Channel));
                // The pass in progress goes on by itself, so this only refreshes the index (no new pass).
                UpdateIndex(reservation.Availability);
                if (!reservation.Reserved && reservation.Availability.HasFree(entry.Channel))
                {
                    // Refused for a reason the index cannot see (e.g. its queues changed): leave it out until
                    // it announces itself again, rather than choosing it over and over.
                    Available.Remove(agentId);
                }
                return reservation.Reserved;
            },
            Offer = () => interaction.Offer(OfferTerms(definition, agent)),
            Confirm = agentGrain.ConfirmOffer,
            GiveBack = () =>
            {
                PutBack(entry, agentId);
                return Task.CompletedTask;
            },
            Release = () => agentGrain.ReleaseOffer(entry.InteractionId, OfferOutcome.Withdrawn),
            // Ended (e.g. the customer hung up) while the agent was being reserved.
            Drop = () =>
            {
                State.Offered.Remove(entry.InteractionId);
                return Task.CompletedTask;
            },
            // The agent logged out meanwhile: the interaction goes back to its place. Not awaited: the interaction puts
            // itself back through this queue (ReturnToLine), and a pass waiting on a call that comes back into the queue
            // stalls for the whole call timeout whenever the queue cannot take it (deactivating after a silo died).
            Withdraw = () =>
            {
                _ = WithdrawAsync(interaction, entry, agentId);
                return Task.CompletedTask;
            },
        }.RunAsync();
        if (offer is not null)
        {
            CountOffer(entry, Now);
            GrainLog.Offered(_logger, GrainKeys.Compose(_tenantId, entry.InteractionId), _queueId, agentId, offer.Attempt, $"queue chose by {definition.Strategy}");
        }
    }

    private async Task WithdrawAsync(IInteractionRouting interaction, WaitingEntry entry, string agentId)
    {
        try
        {
            await interaction.Withdraw(agentId);
        }
        catch (Exception exception)
        {
            // Back in line from here, as when any other step of the handshake fails (unless the interaction came back
            // by itself meanwhile): an interaction lost with its silo has no ring time-out left to bring it back.
            GrainLog.WithdrawFailed(_logger, exception, GrainKeys.Compose(_tenantId, entry.InteractionId), agentId);
            PutBack(entry, agentId);
            _writer.Schedule();
            ScheduleDispatch();
        }
    }

    /// <summary>Returns an entry taken out for an offer that was never made, unless it left meanwhile.</summary>
    private void PutBack(WaitingEntry entry, string agentId)
    {
        if (State.Offered.TryGetValue(entry.InteractionId, out var offered) && offered.AgentId == agentId)
        {
            State.Offered.Remove(entry.InteractionId);
            Line.TryAdd(entry);
            LineChanged();
        }
    }
}
