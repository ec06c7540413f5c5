using Routing.Abstractions.Customers;
using Routing.Abstractions.Interactions;

namespace Routing.Grains.Interactions;

/// <summary>The customer's last agent: looked up when the interaction is created (it goes to the queue in
/// every <c>EnqueueRequest</c>; the queue decides, by its preferred-agent settings, whether to wait for that
/// agent) and updated, one-way, whenever an agent is connected.</summary>
internal sealed partial class InteractionGrain
{
    /// <summary>The agent the gateway named (as if it served the customer now), else the customer's last agent.</summary>
    private Task<LastService?> LastServiceAsync(InteractionSpec spec) =>
        spec.PreferredAgentId is { } named ? Task.FromResult<LastService?>(new LastService(named, Now))
        : string.IsNullOrEmpty(spec.CustomerId) ? Task.FromResult<LastService?>(null)
        : GrainFactory.Customer(_tenantId, spec.CustomerId).GetLastService();

    private void RememberServedBy(string agentId)
    {
        if (State.Spec?.CustomerId is { Length: > 0 } customerId)
        {
            _ = GrainFactory.Customer(_tenantId, customerId).Served(agentId, Now);
        }
    }
}
