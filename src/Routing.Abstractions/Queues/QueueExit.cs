namespace Routing.Abstractions.Queues;

/// <summary>Why an interaction leaves its queue for good, for the queue's statistics.</summary>
[GenerateSerializer, Alias("routing.queue-exit")]
public enum QueueExit
{
    /// <summary>An agent accepted it.</summary>
    Answered = 0,

    /// <summary>The customer hung up while it waited or rang.</summary>
    Abandoned = 1,

    /// <summary>It turned out not to be waiting any more (its own record says otherwise); not counted.</summary>
    Withdrawn = 2,

    /// <summary>Moved to another queue (counted as overflowed).</summary>
    Moved = 3,

    /// <summary>The queue's overflow action took it (max wait, closed, no agents): to another queue or ended as Overflowed.</summary>
    Overflowed = 4,
}
