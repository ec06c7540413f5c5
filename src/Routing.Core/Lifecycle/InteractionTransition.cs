namespace Routing.Core.Lifecycle;

/// <summary>
/// What a transition of <see cref="InteractionCase"/> decided: refused (with why; nothing changed), or accepted
/// with the events to record and the effects to carry out.
/// </summary>
public sealed record InteractionTransition
{
    /// <summary>Why it was refused; null when accepted.</summary>
    public InteractionRefusal? Refusal { get; private init; }

    public bool Accepted => Refusal is null;

    public InteractionEffects Effects { get; private init; }

    /// <summary>The events to record, in order.</summary>
    public IReadOnlyList<InteractionNote> Notes { get; private init; } = [];

    /// <summary>The agent the agent effects (and <see cref="InteractionEffects.CustomerServed"/>) concern.</summary>
    public string? Agent { get; private init; }

    /// <summary>For <see cref="InteractionEffects.ReturnToLine"/>: until when the offer's agent is not offered it again.</summary>
    public DateTimeOffset? ExcludeUntil { get; private init; }

    /// <summary>For <see cref="InteractionEffects.BeginWrapUp"/>, an extension, or a leg ended by a transfer: when the wrap-up ends.</summary>
    public DateTimeOffset? WrapUpDeadline { get; private init; }

    /// <summary>For <see cref="InteractionEffects.ReportHandleTime"/>.</summary>
    public LegHandleTime? HandleTime { get; private init; }

    /// <summary>For <see cref="InteractionEffects.RemoveOverflowed"/> and <see cref="InteractionEffects.RemoveMoved"/>: the
    /// queue it left; null: its current queue.</summary>
    public string? LeftQueue { get; private init; }

    /// <summary>The pending transfer the transition started, offered, connected or ended: a named agent's transfer whose
    /// offer ended falls back to its <see cref="PendingTransfer.FallbackQueueId"/> (instead of its place in line), and an
    /// ended consult names who asked for it.</summary>
    public PendingTransfer? Transfer { get; private init; }

    public static InteractionTransition Refused(InteractionRefusalKind kind, string message) => new() { Refusal = new InteractionRefusal(kind, message) };

    public static InteractionTransition Refused(InteractionRefusal refusal) => new() { Refusal = refusal };

    public static InteractionTransition Accept(
        InteractionEffects effects,
        IReadOnlyList<InteractionNote>? notes = null,
        string? agent = null,
        DateTimeOffset? excludeUntil = null,
        DateTimeOffset? wrapUpDeadline = null,
        LegHandleTime? handleTime = null,
        string? leftQueue = null,
        PendingTransfer? transfer = null) =>
        new()
        {
            Effects = effects,
            Notes = notes ?? [],
            Agent = agent,
            ExcludeUntil = excludeUntil,
            WrapUpDeadline = wrapUpDeadline,
            HandleTime = handleTime,
            LeftQueue = leftQueue,
            Transfer = transfer,
        };

    /// <summary>This transition followed by <paramref name="next"/> (accepted both): their events in order, their
    /// effects together, the later one's values where both have one.</summary>
    public InteractionTransition Then(InteractionTransition next) => next.Accepted
        ? new()
        {
            Refusal = Refusal,
            Effects = Effects | next.Effects,
            Notes = [.. Notes, .. next.Notes],
            Agent = next.Agent ?? Agent,
            ExcludeUntil = next.ExcludeUntil ?? ExcludeUntil,
            WrapUpDeadline = next.WrapUpDeadline ?? WrapUpDeadline,
            HandleTime = next.HandleTime ?? HandleTime,
            LeftQueue = next.LeftQueue ?? LeftQueue,
            Transfer = next.Transfer ?? Transfer,
        }
        : next;

    public bool Has(InteractionEffects effect) => (Effects & effect) == effect;
}
