namespace Routing.Core;

/// <summary>What the queue grain carries out after an accepted transition of <see cref="QueueWork"/>.</summary>
[Flags]
public enum QueueEffects
{
    None = 0,
    /// <summary>Write the line (waiting and ringing interactions).</summary>
    Write = 1,
    /// <summary>Start a routing pass: work or agents came that may now be matched.</summary>
    Route = 2,
    /// <summary>Observers' statistics changed (waiting counts, agents by state).</summary>
    StatisticsChanged = 4,
    /// <summary>Count an arrival in this queue, waiting since the entry's <see cref="WaitingEntry.WaitingSince"/>.</summary>
    CountArrival = 8,
    /// <summary>Count the entry leaving the queue for good (the grain knows why), waited since its
    /// <see cref="WaitingEntry.WaitingSince"/>.</summary>
    CountExit = 16,
    /// <summary>The entry joined the line: log it and answer with the queue's timers.</summary>
    Joined = 32,
    /// <summary>Not put in line: a rule that overflows turned it away (<see cref="QueueTransition.OverflowedBy"/>);
    /// count an arrival that overflowed at once and log it.</summary>
    OverflowOnArrival = 64,
}
