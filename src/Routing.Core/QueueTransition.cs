namespace Routing.Core;

/// <summary>
/// What a transition of <see cref="QueueWork"/> decided: refused (with why and, for the caller's error, a message;
/// nothing changed), or accepted with the entry it concerns and the effects to carry out.
/// </summary>
public sealed record QueueTransition
{
    /// <summary>Why it was refused; null when accepted.</summary>
    public QueueRefusal? Refusal { get; private init; }

    /// <summary>For a refusal the caller reports: what a person reads (e.g. "queue 'sales' is full: 200 waiting").</summary>
    public string? Message { get; private init; }

    public bool Accepted => Refusal is null;

    public QueueEffects Effects { get; private init; }

    /// <summary>The entry the transition concerns (joined, found, claimed, removed); null when refused.</summary>
    public WaitingEntry? Entry { get; private init; }

    /// <summary>The 1-based place of <see cref="Entry"/> in line; 0 when it is not waiting (ringing, overflowed).</summary>
    public int Position { get; private init; }

    /// <summary>With <see cref="QueueEffects.OverflowOnArrival"/>: the rule that overflowed it (Closed or NoAgents).</summary>
    public QueueRefusal? OverflowedBy { get; private init; }

    public static QueueTransition Refused(QueueRefusal refusal, string? message = null) => new() { Refusal = refusal, Message = message };

    public static QueueTransition Accept(WaitingEntry? entry, QueueEffects effects = QueueEffects.None, int position = 0) =>
        new() { Entry = entry, Effects = effects, Position = position };

    public static QueueTransition Overflow(QueueRefusal rule) => new() { Effects = QueueEffects.OverflowOnArrival, OverflowedBy = rule };

    public bool Has(QueueEffects effect) => (Effects & effect) == effect;
}
