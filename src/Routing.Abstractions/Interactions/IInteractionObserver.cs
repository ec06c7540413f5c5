namespace Routing.Abstractions.Interactions;

/// <summary>A gateway or connector watching an interaction. Not durable: re-subscribe after a reconnect.</summary>
public interface IInteractionObserver : IGrainObserver
{
    [OneWay]
    Task OnEvent(InteractionEvent interactionEvent);
}
