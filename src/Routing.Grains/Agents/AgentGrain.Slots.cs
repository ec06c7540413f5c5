using Microsoft.Extensions.Logging;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Interactions;
using Routing.Core;

namespace Routing.Grains.Agents;

/// <summary>
/// The atomic slot methods. Each checks and changes state without awaiting anything, so the capacity
/// check and the reservation cannot be separated by another request: an agent never holds more
/// than its capacity, however many queues ask at once.
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
        DropStaleReservations(_staleClaimAge);
        var reserved = CanTake(request.Channel, request.QueueId, request.Direct) && !State.Slots.ContainsKey(request.InteractionId);
        if (reserved)
        {
            Reserve(request.InteractionId, request.QueueId, request.Channel);
            PublishAvailability();
            _writer.Schedule();
        }
        return Task.FromResult(new ReservationResult(reserved, Availability()));
    }

    public Task<bool> ConfirmOffer(OfferNotice offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        if (State.Presence == Presence.Offline
            || !State.Slots.TryGetValue(offer.InteractionId, out var slot)
            || slot.Phase != SlotPhase.Reserved)
        {
            return Task.FromResult(false);
        }
        State.Slots[offer.InteractionId] = slot with { Phase = SlotPhase.Offered, Since = Now };
        Record("offered", offer.InteractionId);
        _observers.Notify(o => o.OnOffer(offer));
        _writer.Schedule();
        return Task.FromResult(true);
    }

    public Task ReleaseOffer(string interactionId, OfferOutcome outcome)
    {
        if (!State.Slots.TryGetValue(interactionId, out var slot))
        {
            // No slot: this activation never held it, or lost it with a silo or a storage conflict while the
            // app may still show it ringing. Telling the app it ended is harmless if it never rang.
            _observers.Notify(o => o.OnOfferEnded(interactionId, outcome));
            return Task.CompletedTask;
        }
        if (slot.Phase is not (SlotPhase.Reserved or SlotPhase.Offered))
        {
            return Task.CompletedTask;
        }
        State.Slots.Remove(interactionId);
        MarkIdleIfNoWork();
        Record($"released-{outcome.ToString().ToLowerInvariant()}", interactionId);
        if (slot.Phase == SlotPhase.Offered)
        {
            _observers.Notify(o => o.OnOfferEnded(interactionId, outcome));
        }
        if (outcome == OfferOutcome.TimedOut)
        {
            State.ConsecutiveMisses++;
            var threshold = State.Settings?.NoAnswerThreshold ?? 1;
            if (State.Presence == Presence.Available && State.ConsecutiveMisses >= threshold)
            {
                GrainLog.NoAnswer(_logger, this.GetPrimaryKeyString(), State.ConsecutiveMisses);
                ChangePresence(Presence.NotReady, NotReadyReasons.NoAnswer, "no-answer");
                PublishAvailability();
            }
        }
        ScheduleLookForWork();
        _writer.Schedule();
        return Task.CompletedTask;
    }

    public Task<bool> ConfirmConnected(string interactionId)
    {
        if (!State.Slots.TryGetValue(interactionId, out var slot) || slot.Phase is not (SlotPhase.Reserved or SlotPhase.Offered))
        {
            return Task.FromResult(false);
        }
        State.Slots[interactionId] = slot with { Phase = SlotPhase.Connected, Since = Now };
        State.ConsecutiveMisses = 0;
        var today = LocalToday();
        if (State.TodayDayNumber != today)
        {
            State.TodayDayNumber = today;
            State.InteractionsToday = 0;
        }
        State.InteractionsToday++;
        Record("connected", interactionId);
        _writer.Schedule();
        return Task.FromResult(true);
    }

    public Task BeginWrapUp(string interactionId, DateTimeOffset until)
    {
        if (State.Slots.TryGetValue(interactionId, out var slot) && slot.Phase == SlotPhase.Connected)
        {
            State.Slots[interactionId] = slot with { Phase = SlotPhase.WrapUp, Since = Now };
            Record("wrap-up", interactionId);
            _writer.Schedule();
        }
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
        if (State.Slots.Remove(interactionId))
        {
            MarkIdleIfNoWork();
            Record("finished", interactionId);
            ScheduleLookForWork();
            _writer.Schedule();
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Drops reservations older than <paramref name="maxAge"/> (all of them when zero). A reservation lives
    /// only while one offer is being made; if a call of that offer failed (a silo died mid-way) its release
    /// may never arrive, and the slot would block the agent's capacity for good. An offer still in flight
    /// after this finds no reservation at ConfirmOffer and is withdrawn, so nothing rings twice.
    /// </summary>
    private void DropStaleReservations(TimeSpan maxAge)
    {
        var cutoff = Now - maxAge;
        bool IsStale(AgentSlot s) => s.Phase == SlotPhase.Reserved && (maxAge <= TimeSpan.Zero || s.Since < cutoff);
        // Runs before every reservation: nothing is allocated in the usual case, where nothing is stale.
        var anyStale = false;
        foreach (var slot in State.Slots.Values)
        {
            anyStale |= IsStale(slot);
        }
        if (!anyStale)
        {
            return;
        }
        foreach (var slot in State.Slots.Values.Where(IsStale).ToList())
        {
            State.Slots.Remove(slot.InteractionId);
            Record("released-stale-reservation", slot.InteractionId);
        }
        MarkIdleIfNoWork();
        _writer.Schedule();
    }

    /// <summary>Holds a slot for an offer about to be made (the caller has checked <see cref="CanTake"/>).</summary>
    private void Reserve(string interactionId, string queueId, Channel channel)
    {
        State.Slots[interactionId] = new AgentSlot
        {
            InteractionId = interactionId,
            QueueId = queueId,
            Channel = channel,
            Phase = SlotPhase.Reserved,
            Since = Now,
        };
        Record("reserved", interactionId);
    }

    /// <summary>Whether one more interaction on <paramref name="channel"/> from <paramref name="queueId"/> fits now
    /// (<paramref name="direct"/>: offered to this agent by name, whatever queue it comes from).</summary>
    private bool CanTake(Channel channel, string queueId, bool direct = false)
    {
        var settings = State.Settings;
        return settings is not null
            && State.Presence == Presence.Available
            && (direct || Array.IndexOf(settings.Queues, queueId) >= 0)
            && CapacityRules.CanAccept(settings.Definition.Capacity, Load(), channel, settings.VoiceIsExclusive);
    }

    /// <summary>Today in the tenant's time zone (validated when the tenant was configured).</summary>
    private int LocalToday()
    {
        _zone ??= TimeZoneInfo.TryFindSystemTimeZoneById(State.Settings?.TimeZone ?? "UTC", out var found) ? found : TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, _zone).DateTime).DayNumber;
    }

    /// <summary>Interactions handled today; zero once the tenant's day has turned since the last one.</summary>
    private int InteractionsToday() => State.TodayDayNumber == LocalToday() ? State.InteractionsToday : 0;

    private void MarkIdleIfNoWork()
    {
        if (State.Slots.Count == 0)
        {
            State.IdleSince = Now;
        }
    }
}
