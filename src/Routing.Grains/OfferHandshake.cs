using Routing.Abstractions.Interactions;

namespace Routing.Grains;

/// <summary>
/// The one offer handshake of push (a queue's routing pass), pull (an agent's look for work) and a transfer or
/// consult to a named agent: reserve the agent → make the offer → confirm it to the agent, and on each refusal
/// the roll-back of what the earlier steps hold. The caller says who does each step; the order and which
/// roll-back follows which refusal are written here once:
/// <code>
/// step      refused (false / null)                      a call failed (when RollBackFailures)
/// Reserve   GiveBack (the agent holds nothing)          Release + GiveBack, not awaited; rethrown
/// Offer     Release + Drop (the work is gone)           Release + GiveBack, not awaited; rethrown
/// Confirm   Withdraw (the agent lost its slot)          Release + GiveBack, not awaited; rethrown
/// </code>
/// Every step and roll-back a caller passes awaits only atomic grain methods or the interaction's
/// <c>Withdraw</c> (which awaits only atomic methods itself), so the handshake keeps the call discipline.
/// </summary>
internal sealed class OfferHandshake
{
    /// <summary>A roll-back with nothing to undo.</summary>
    public static readonly Func<Task> Nothing = () => Task.CompletedTask;

    /// <summary>Holds one slot of the agent for the offer; false when the agent refuses (no capacity, not available).</summary>
    public required Func<Task<bool>> Reserve { get; init; }

    /// <summary>Makes the offer (the interaction moves to Offered, or makes a consult offer); null when it can no
    /// longer be offered (e.g. the customer hung up while the agent was being reserved).</summary>
    public required Func<Task<OfferNotice?>> Offer { get; init; }

    /// <summary>Tells the agent (its app rings); false when its slot is gone (it logged out meanwhile).</summary>
    public required Func<OfferNotice, Task<bool>> Confirm { get; init; }

    /// <summary>Puts the work back where it waited (its line, or a transfer's fallback).</summary>
    public required Func<Task> GiveBack { get; init; }

    /// <summary>Frees the agent's reserved slot.</summary>
    public required Func<Task> Release { get; init; }

    /// <summary>Forgets the work that could not be offered: it left while the agent was being reserved.</summary>
    public required Func<Task> Drop { get; init; }

    /// <summary>Takes back an offer the agent cannot show; the interaction frees the slot and goes back to its place.</summary>
    public required Func<Task> Withdraw { get; init; }

    /// <summary>Whether a call that fails midway rolls back (and is rethrown). False where the caller's own
    /// authority ends what the failure left, and the failure is the caller's answer.</summary>
    public bool RollBackFailures { get; init; } = true;

    /// <summary>Runs the handshake: the offer the agent was told of, or null when a step was refused (and rolled back).</summary>
    public async Task<OfferNotice?> RunAsync()
    {
        bool reserved;
        try
        {
            reserved = await Reserve();
        }
        catch
        {
            Abandon();
            throw;
        }
        if (!reserved)
        {
            await GiveBack();
            return null;
        }
        try
        {
            var offer = await Offer();
            if (offer is null)
            {
                // Both start before either is awaited: the caller's own side (its claim, or its own slot) changes
                // before it yields, as it would in one atomic step.
                var released = Release();
                var dropped = Drop();
                await released;
                await dropped;
                return null;
            }
            if (!await Confirm(offer))
            {
                await Withdraw();
                return null;
            }
            return offer;
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    /// <summary>A call failed midway (e.g. a silo died, or a timeout under overload): gives back the agent's slot if
    /// it was held (an agent also drops reservations that grow stale) and the work's place, without waiting. If the
    /// offer did reach the interaction, the interaction refuses another until its own timeout.</summary>
    private void Abandon()
    {
        if (RollBackFailures)
        {
            _ = Release();
            _ = GiveBack();
        }
    }
}
