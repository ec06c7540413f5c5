namespace Routing.Abstractions.Interactions;

/// <summary>A gateway or connector watching an interaction. Not durable: re-subscribe after a reconnect.</summary>
[Alias("routing.interaction-observer")]
public interface IInteractionObserver : IGrainObserver
{
    [OneWay]
    [Alias("OnEvent")]
    Task OnEvent(InteractionEvent interactionEvent);
}
