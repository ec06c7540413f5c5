namespace Routing.Core;

/// <summary>Where an interaction is in its lifecycle.</summary>
[GenerateSerializer]
public enum InteractionStatus
{
    /// <summary>Not created yet (a grain that was never given an interaction).</summary>
    None = 0,
    Queued = 1,
    Offered = 2,
    Connected = 3,
    WrapUp = 4,
    Completed = 5,
    Abandoned = 6,
    Overflowed = 7,
    Rejected = 8,
    /// <summary>A callback scheduled for a later time: it joins its queue's line when that time comes.</summary>
    Scheduled = 9,
}

public static class InteractionStatusExtensions
{
    /// <summary>Final states: the interaction will never change again.</summary>
    public static bool IsFinal(this InteractionStatus status) =>
        status is InteractionStatus.Completed or InteractionStatus.Abandoned or InteractionStatus.Overflowed or InteractionStatus.Rejected;
}
