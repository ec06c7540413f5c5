namespace Routing.Abstractions.Configuration;

/// <summary>What happens to an interaction a queue overflows (max wait reached, closed, no agents).</summary>
[GenerateSerializer, Alias("routing.overflow-action-kind")]
public enum OverflowActionKind
{
    /// <summary>It ends as Overflowed; the gateway disconnects the customer (after a message, if it plays one).</summary>
    Disconnect = 0,

    /// <summary>It ends as Overflowed; the gateway takes the customer to voicemail.</summary>
    Voicemail = 1,

    /// <summary>It ends as Overflowed; the gateway offers the customer a callback.</summary>
    Callback = 2,

    /// <summary>It moves to <see cref="OverflowAction.QueueId"/>, keeping its arrival time (and so its place by score).</summary>
    Queue = 3,
}

/// <summary>A queue's overflow action: move to another queue, or end as Overflowed with what the gateway should do.</summary>
[GenerateSerializer, Immutable, Alias("routing.overflow-action")]
public sealed record OverflowAction
{
    [Id(0)] public OverflowActionKind Kind { get; init; } = OverflowActionKind.Disconnect;
    /// <summary>The queue to move to; only (and always) with <see cref="OverflowActionKind.Queue"/>.</summary>
    [Id(1)] public string? QueueId { get; init; }
    /// <summary>Free text for the gateway (e.g. which announcement to play), up to 500 characters.</summary>
    [Id(2)] public string? Message { get; init; }

    public const int MaxMessageLength = 500;

    public static readonly OverflowAction Disconnect = new();
}

/// <summary>What a queue does with a new interaction when none of its agents is logged in (or none logged in is eligible).</summary>
[GenerateSerializer, Alias("routing.no-agents-action")]
public enum NoAgentsAction
{
    /// <summary>It waits, as if agents were there (the default).</summary>
    Wait = 0,

    /// <summary>Its creation is refused (FailedPrecondition); nothing is created.</summary>
    Refuse = 1,

    /// <summary>The queue's overflow action applies at once.</summary>
    Overflow = 2,
}

/// <summary>What a queue does with a new interaction outside its business hours.</summary>
[GenerateSerializer, Alias("routing.closed-action")]
public enum ClosedAction
{
    /// <summary>Its creation is refused (FailedPrecondition, saying when the queue opens); nothing is created.</summary>
    Refuse = 0,

    /// <summary>The queue's overflow action applies at once.</summary>
    Overflow = 1,
}
