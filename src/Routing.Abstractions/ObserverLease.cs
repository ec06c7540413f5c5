namespace Routing.Abstractions;

/// <summary>How long a grain keeps an observer (an agent's stream, a gateway's or supervisor's watch) that has not
/// renewed its subscription. Observers are not durable, so subscribers renew well within it (the edge every
/// minute, <c>Routing:Edge:Agents:SubscriptionRenewal</c>) and at once after a silo is lost.</summary>
public static class ObserverLease
{
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(10);
}
