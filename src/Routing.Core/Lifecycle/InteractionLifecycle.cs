using System.Collections.Frozen;

namespace Routing.Core.Lifecycle;

/// <summary>
/// Every way an interaction's status may change, in one table. The interaction grain changes its status only
/// through <see cref="Next"/>, so a status change the table lacks cannot happen, whichever path asks for it.
/// Consult transfers keep the status (the first agent stays connected until the target accepts) and so are not
/// in the table; final statuses have no way out.
/// </summary>
public static class InteractionLifecycle
{
    private static readonly FrozenDictionary<(InteractionStatus From, InteractionTrigger Trigger), InteractionStatus> Transitions =
        new Dictionary<(InteractionStatus, InteractionTrigger), InteractionStatus>
        {
            [(InteractionStatus.None, InteractionTrigger.JoinLine)] = InteractionStatus.Queued,
            [(InteractionStatus.None, InteractionTrigger.Schedule)] = InteractionStatus.Scheduled,
            [(InteractionStatus.Queued, InteractionTrigger.CreateRolledBack)] = InteractionStatus.None,
            // A callback is Queued before its queue is asked (so an offer made at once finds it waiting).
            [(InteractionStatus.Queued, InteractionTrigger.JoinRefused)] = InteractionStatus.Rejected,

            [(InteractionStatus.Scheduled, InteractionTrigger.JoinLine)] = InteractionStatus.Queued,
            [(InteractionStatus.Scheduled, InteractionTrigger.Abandon)] = InteractionStatus.Abandoned,

            [(InteractionStatus.Queued, InteractionTrigger.Offer)] = InteractionStatus.Offered,
            [(InteractionStatus.Queued, InteractionTrigger.Abandon)] = InteractionStatus.Abandoned,
            [(InteractionStatus.Queued, InteractionTrigger.Overflow)] = InteractionStatus.Overflowed,

            [(InteractionStatus.Offered, InteractionTrigger.Accept)] = InteractionStatus.Connected,
            [(InteractionStatus.Offered, InteractionTrigger.OfferEnded)] = InteractionStatus.Queued,
            [(InteractionStatus.Offered, InteractionTrigger.Abandon)] = InteractionStatus.Abandoned,

            [(InteractionStatus.Connected, InteractionTrigger.EndTalk)] = InteractionStatus.WrapUp,
            [(InteractionStatus.Connected, InteractionTrigger.TransferToQueue)] = InteractionStatus.Queued,
            [(InteractionStatus.Connected, InteractionTrigger.TransferToAgent)] = InteractionStatus.Offered,

            [(InteractionStatus.WrapUp, InteractionTrigger.Complete)] = InteractionStatus.Completed,
        }.ToFrozenDictionary();

    /// <summary>The status <paramref name="trigger"/> leads to from <paramref name="from"/>; false when the table has
    /// no such transition.</summary>
    public static bool TryNext(InteractionStatus from, InteractionTrigger trigger, out InteractionStatus next) =>
        Transitions.TryGetValue((from, trigger), out next);

    /// <summary>The status <paramref name="trigger"/> leads to from <paramref name="from"/>. A transition the table
    /// lacks is a defect in the caller's guards (they refuse bad requests before this), so it throws.</summary>
    public static InteractionStatus Next(InteractionStatus from, InteractionTrigger trigger) =>
        TryNext(from, trigger, out var next) ? next : throw new IllegalTransitionException(from, trigger);

    /// <summary>The triggers that can move an interaction on from <paramref name="from"/> (none from a final status).</summary>
    public static IEnumerable<InteractionTrigger> TriggersFrom(InteractionStatus from) =>
        Transitions.Keys.Where(k => k.From == from).Select(k => k.Trigger);
}
