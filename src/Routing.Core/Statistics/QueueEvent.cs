namespace Routing.Core.Statistics;

/// <summary>What happened to a contact in a queue, already classified against the queue's thresholds.</summary>
internal enum QueueEvent
{
    /// <summary>The contact entered the queue (offered).</summary>
    Arrival,

    /// <summary>An agent answered it within the service-level threshold.</summary>
    AnswerWithinThreshold,

    /// <summary>An agent answered it after the service-level threshold.</summary>
    AnswerAfterThreshold,

    /// <summary>The caller hung up after the short-abandon threshold.</summary>
    Abandon,

    /// <summary>The caller hung up before the short-abandon threshold.</summary>
    ShortAbandon,

    /// <summary>The contact left for another queue or action.</summary>
    Overflow,

    /// <summary>Talk and wrap-up ended.</summary>
    Completion,
}
