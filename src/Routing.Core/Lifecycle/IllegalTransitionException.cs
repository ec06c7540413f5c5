namespace Routing.Core.Lifecycle;

/// <summary>A status change the lifecycle does not allow was asked for; nothing changed.</summary>
public sealed class IllegalTransitionException(InteractionStatus from, InteractionTrigger trigger)
    : InvalidOperationException($"an interaction that is {from} cannot take '{trigger}'")
{
    public InteractionStatus From { get; } = from;
    public InteractionTrigger Trigger { get; } = trigger;
}
