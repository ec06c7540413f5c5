using Orleans.Concurrency;

namespace Routing.Abstractions.Customers;

/// <summary>
/// One customer of a tenant (<c>tenant/customerId</c>, the id a gateway gives in the interaction): who last
/// served them and when, so a repeat caller can wait a little for that agent (a queue's preferred-agent wait).
/// </summary>
/// <remarks>Both methods are atomic; <see cref="Served"/> is one-way, so no routing path ever waits on it.</remarks>
[Alias("routing.customer")]
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>Atomic: the agent who last served the customer, or null when none is known.</summary>
    [ReadOnly, AlwaysInterleave]
    [Alias("GetLastService")]
    Task<LastService?> GetLastService();

    /// <summary>An agent was connected to the customer at <paramref name="at"/> (the newest wins).</summary>
    [OneWay, AlwaysInterleave]
    [Alias("Served")]
    Task Served(string agentId, DateTimeOffset at);
}

/// <summary>Who last served a customer, and when.</summary>
[GenerateSerializer, Immutable, Alias("routing.last-service")]
public sealed record LastService([property: Id(0)] string AgentId, [property: Id(1)] DateTimeOffset At);

/// <summary>Customer grain keys: <c>tenant/customerId</c> (the customer id is the gateway's, kept as given).</summary>
public static class CustomerKeys
{
    public static ICustomerGrain Customer(this IGrainFactory factory, string tenantId, string customerId)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return GrainReferences.Get<ICustomerGrain>(factory, $"{tenantId}/{customerId}");
    }
}
