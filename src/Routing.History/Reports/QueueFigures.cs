namespace Routing.History.Reports;

/// <summary>
/// A queue's counts over some span (an interval, a day, the whole range), kept as sums so that spans add up.
/// The rates are computed from the sums: <see cref="ServiceLevel"/> = answered within the threshold ÷
/// (offered − short abandons); <see cref="AverageSpeedOfAnswer"/> = wait of answered ÷ answered;
/// <see cref="AverageHandleTime"/> = (talk + wrap-up) ÷ handled.
/// </summary>
public sealed record QueueFigures
{
    public static readonly QueueFigures Zero = new();

    /// <summary>Interactions that arrived (refused ones, state Rejected, apart).</summary>
    public long Offered { get; init; }

    /// <summary>Of those, answered by an agent.</summary>
    public long Answered { get; init; }

    /// <summary>Answered with a wait of at most the queue's service-level threshold.</summary>
    public long AnsweredWithinThreshold { get; init; }

    /// <summary>Abandoned after waiting at least the short-abandon threshold.</summary>
    public long Abandoned { get; init; }

    /// <summary>Abandoned sooner: left out of the service level.</summary>
    public long ShortAbandoned { get; init; }

    /// <summary>Ended by the queue's overflow action (voicemail, callback, disconnect).</summary>
    public long Overflowed { get; init; }

    /// <summary>Legs after the first one that an agent took from this queue (the work came by transfer).</summary>
    public long TransferredIn { get; init; }

    /// <summary>Legs taken from this queue that ended with the agent transferring the work.</summary>
    public long TransferredOut { get; init; }

    /// <summary>Answered and completed (talk and wrap-up done): the base of the handle time.</summary>
    public long Handled { get; init; }

    /// <summary>Wait of the answered ones, summed.</summary>
    public TimeSpan AnsweredWait { get; init; }

    /// <summary>Talk + wrap-up of the handled ones, summed.</summary>
    public TimeSpan HandleTime { get; init; }

    /// <summary>The longest wait of any of them (answered or not).</summary>
    public TimeSpan LongestWait { get; init; }

    /// <summary>Answered within the threshold ÷ (offered − short abandons); null when that is 0.</summary>
    public double? ServiceLevel => Offered - ShortAbandoned is > 0 and var basis ? (double)AnsweredWithinThreshold / basis : null;

    /// <summary>Average speed of answer; null when none was answered.</summary>
    public TimeSpan? AverageSpeedOfAnswer => Answered > 0 ? AnsweredWait / Answered : null;

    /// <summary>Average handle time (talk + wrap-up); null when none was handled.</summary>
    public TimeSpan? AverageHandleTime => Handled > 0 ? HandleTime / Handled : null;

    /// <summary>The figures of both spans together.</summary>
    public QueueFigures Add(QueueFigures other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new QueueFigures
        {
            Offered = Offered + other.Offered,
            Answered = Answered + other.Answered,
            AnsweredWithinThreshold = AnsweredWithinThreshold + other.AnsweredWithinThreshold,
            Abandoned = Abandoned + other.Abandoned,
            ShortAbandoned = ShortAbandoned + other.ShortAbandoned,
            Overflowed = Overflowed + other.Overflowed,
            TransferredIn = TransferredIn + other.TransferredIn,
            TransferredOut = TransferredOut + other.TransferredOut,
            Handled = Handled + other.Handled,
            AnsweredWait = AnsweredWait + other.AnsweredWait,
            HandleTime = HandleTime + other.HandleTime,
            LongestWait = LongestWait > other.LongestWait ? LongestWait : other.LongestWait,
        };
    }
}
