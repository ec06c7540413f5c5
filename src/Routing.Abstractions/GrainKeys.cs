using Routing.Abstractions.Protocol;
using Routing.Core;

namespace Routing.Abstractions;

/// <summary>Agent, queue and interaction grains are keyed <c>tenant/id</c>, so two tenants can both
/// have a queue called <c>sales</c>.</summary>
public static class GrainKeys
{
    public static string Compose(string tenantId, string id)
    {
        RoutingException.ThrowIfInvalidId("tenant", tenantId);
        RoutingException.ThrowIfInvalidId("entity", id);
        return $"{tenantId}/{id}";
    }

    public static (string TenantId, string Id) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1 || !EntityId.IsValid(key[..slash]) || !EntityId.IsValid(key[(slash + 1)..]))
        {
            throw new RoutingException(RoutingError.InvalidArgument, $"'{key}' is not a key of the form tenant/id");
        }
        return (key[..slash], key[(slash + 1)..]);
    }

    public static IAgentGrain Agent(this IGrainFactory factory, string tenantId, string agentId) =>
        GrainReferences.Get<IAgentGrain>(factory, Compose(tenantId, agentId));

    /// <summary>The same agent grain as <see cref="Agent"/>, through the interface other grains call.</summary>
    public static IAgentRouting AgentRouting(this IGrainFactory factory, string tenantId, string agentId) =>
        GrainReferences.Get<IAgentRouting>(factory, Compose(tenantId, agentId));

    public static IQueueGrain Queue(this IGrainFactory factory, string tenantId, string queueId) =>
        GrainReferences.Get<IQueueGrain>(factory, Compose(tenantId, queueId));

    /// <summary>The same queue grain as <see cref="Queue"/>, through the interface other grains call.</summary>
    public static IQueueRouting QueueRouting(this IGrainFactory factory, string tenantId, string queueId) =>
        GrainReferences.Get<IQueueRouting>(factory, Compose(tenantId, queueId));

    public static IInteractionGrain Interaction(this IGrainFactory factory, string tenantId, string interactionId) =>
        GrainReferences.Get<IInteractionGrain>(factory, Compose(tenantId, interactionId));

    /// <summary>The same interaction grain as <see cref="Interaction"/>, through the interface other grains call.</summary>
    public static IInteractionRouting InteractionRouting(this IGrainFactory factory, string tenantId, string interactionId) =>
        GrainReferences.Get<IInteractionRouting>(factory, Compose(tenantId, interactionId));

    public static ITenantGrain Tenant(this IGrainFactory factory, string tenantId)
    {
        RoutingException.ThrowIfInvalidId("tenant", tenantId);
        return GrainReferences.Get<ITenantGrain>(factory, tenantId);
    }

    /// <summary>The tenant's history retention: its daily purge and purges on demand.</summary>
    public static IHistoryRetentionGrain HistoryRetention(this IGrainFactory factory, string tenantId)
    {
        RoutingException.ThrowIfInvalidId("tenant", tenantId);
        return GrainReferences.Get<IHistoryRetentionGrain>(factory, tenantId);
    }

    /// <summary>The same tenant grain as <see cref="Tenant"/>, through the interface the cluster's recovery calls.</summary>
    public static ITenantRecovery TenantRecovery(this IGrainFactory factory, string tenantId)
    {
        RoutingException.ThrowIfInvalidId("tenant", tenantId);
        return GrainReferences.Get<ITenantRecovery>(factory, tenantId);
    }
}
