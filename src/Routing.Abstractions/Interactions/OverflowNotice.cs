using Routing.Abstractions.Configuration;

namespace Routing.Abstractions.Interactions;

/// <summary>Why a queue overflowed an interaction.</summary>
[GenerateSerializer, Alias("routing.overflow-cause")]
public enum OverflowCause
{
    /// <summary>It waited the queue's max wait.</summary>
    MaxWait = 0,

    /// <summary>It arrived outside the queue's business hours.</summary>
    Closed = 1,

    /// <summary>It arrived when none of the queue's agents was logged in (or none logged in could take it).</summary>
    NoAgents = 2,

    /// <summary>The queue it overflowed to was full (or no longer exists).</summary>
    QueueFull = 3,

    /// <summary>It had already overflowed from queue to queue the most times allowed (a loop such as A → B → A).</summary>
    TooManyHops = 4,
}

/// <summary>How an interaction overflowed: what the gateway should do with the customer and why.</summary>
[GenerateSerializer, Immutable, Alias("routing.overflow-notice")]
public sealed record OverflowNotice
{
    [Id(0)] public required OverflowActionKind Action { get; init; }
    [Id(1)] public required OverflowCause Cause { get; init; }
    /// <summary>The queue's free text for the gateway, or what went wrong (e.g. which queue was full).</summary>
    [Id(2)] public string? Message { get; init; }

    /// <summary>"voicemail (max wait): please leave a message" — the event's detail.</summary>
    public string Describe() => $"{Action.ToString().ToLowerInvariant()} ({Cause}){(Message is null ? "" : $": {Message}")}";
}
