using Routing.Abstractions;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Interactions;
using Routing.Core.Lifecycle;

namespace Routing.Demo;

/// <summary>
/// A simulated agent's commands as grain calls, for hosts inside the cluster or holding a cluster client
/// (the demo in the silo, the stress test). A <see cref="RoutingError.FailedPrecondition"/> is the race
/// <see cref="IAgentCommands"/> answers false for; any other error throws.
/// </summary>
/// <remarks>Grain calls here take no cancellation: each is short, and a stop cancels the waits between them.</remarks>
public sealed class GrainAgentCommands(IGrainFactory grainFactory, string tenantId, string agentId) : IAgentCommands
{
    public IAgentGrain Agent => grainFactory.Agent(tenantId, agentId);

    public Task SetReadyAsync(CancellationToken cancellationToken) => Agent.SetReady();

    public Task<bool> AcceptAsync(string interactionId, CancellationToken cancellationToken) =>
        Refusable(Interaction(interactionId).Accept(agentId));

    public Task<bool> RejectAsync(string interactionId, CancellationToken cancellationToken) =>
        Refusable(Interaction(interactionId).Reject(agentId));

    public Task<bool> EndAsync(string interactionId, CancellationToken cancellationToken) =>
        Refusable(Interaction(interactionId).End(agentId));

    public Task<bool> CompleteAsync(string interactionId, Disposition disposition, CancellationToken cancellationToken) =>
        Refusable(Interaction(interactionId).Complete(agentId, disposition));

    private IInteractionGrain Interaction(string interactionId) => grainFactory.Interaction(tenantId, interactionId);

    private static async Task<bool> Refusable<T>(Task<T> call)
    {
        try
        {
            await call;
            return true;
        }
        catch (RoutingException e) when (e.Error == RoutingError.FailedPrecondition)
        {
            return false;
        }
    }
}
