using Routing.Abstractions.Agents;
using Routing.Abstractions.Interactions;
using Routing.Core;

namespace Routing.Grains.Agents;

/// <summary>
/// The atomic slot methods. Each asks <see cref="AgentWorkload"/> to check and change the state and carries out
/// what it decided, without awaiting anything, so the capacity check and the reservation cannot be separated by
/// another request: an agent never holds more than its capacity, however many queues ask at once.
/// </summary>
internal sealed partial class AgentGrain
{
    public Task<ReservationResult> TryReserve(ReservationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Direct)
        {
            // A transfer names this agent: an unknown agent is the caller's mistake, not a busy one.
            RequireSettings();
        }
        Carry(Work.DropStaleReservations(_staleClaimAge, Now));
        var source = request.Direct ? ReservationSource.Named : ReservationSource.Queue;
        // A named agent's transfer comes from the interaction, which keeps no index of agents: every queue is told.
        _reservingQueue = request.Direct ? null : request.QueueId;
        try
        {
            var reserved = Carry(Work.Reserve(request.InteractionId, request.QueueId, request.Channel, source, Now));
            return Task.FromResult(new ReservationResult(reserved, Availability()));
        }
        finally
        {
            _reservingQueue = null;
        }
    }

    public Task<bool> ConfirmOffer(OfferNotice offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var transition = Work.ConfirmOffer(offer.InteractionId, Now);
        Carry(transition, transition.Has(AgentEffects.TellOffer) ? offer : null);
        return Task.FromResult(transition.Accepted);
    }

    public Task ReleaseOffer(string interactionId, OfferOutcome outcome)
    {
        var transition = Work.ReleaseOffer(interactionId, outcome.ReleasedCause(), outcome == OfferOutcome.TimedOut, Now);
        Carry(transition);
        // No slot: this activation never held it, or lost it with a silo or a storage conflict while the app may
        // still show it ringing. Telling the app it ended is harmless if it never rang.
        if (transition.Has(AgentEffects.TellOfferEnded) || transition.Refusal == AgentRefusal.NoSlot)
        {
            _observers.Notify(o => o.OnOfferEnded(interactionId, outcome));
        }
        return Task.CompletedTask;
    }

    public Task<bool> ConfirmConnected(string interactionId) =>
        Task.FromResult(Carry(Work.ConfirmConnected(interactionId, LocalToday(), Now)));

    public Task BeginWrapUp(string interactionId, DateTimeOffset until)
    {
        Carry(Work.BeginWrapUp(interactionId, Now));
        return Task.CompletedTask;
    }

    public Task TransferUpdate(TransferNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.Kind == TransferNoticeKind.Transferred)
        {
            if (notice.WrapUpDeadline is { } until)
            {
                BeginWrapUp(notice.InteractionId, until);
            }
            else
            {
                FinishInteraction(notice.InteractionId);
            }
        }
        _ = _session?.OnTransferNotice(notice);
        return Task.CompletedTask;
    }

    public Task FinishInteraction(string interactionId)
    {
        Carry(Work.Finish(interactionId, Now));
        return Task.CompletedTask;
    }

    /// <summary>Today in the tenant's time zone (validated when the tenant was configured).</summary>
    private int LocalToday()
    {
        _zone ??= TimeZoneInfo.TryFindSystemTimeZoneById(State.Settings?.TimeZone ?? "UTC", out var found) ? found : TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, _zone).DateTime).DayNumber;
    }

    /// <summary>Interactions handled today; zero once the tenant's day has turned since the last one.</summary>
    private int InteractionsToday() => Work.InteractionsOn(LocalToday());
}
