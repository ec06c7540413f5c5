using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Routing.Abstractions;
using Routing.Abstractions.Agents;
using Routing.Configuration;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.Server.Edge.Mapping;

namespace Routing.Server.Edge.Supervisors;

/// <summary>supervisor.proto: supervisors watch agents' states and force an agent's presence.</summary>
[Authorize]
public sealed class SupervisorEdgeService(IGrainFactory grainFactory, ILogger<SupervisorEdgeService> logger)
    : SupervisorService.SupervisorServiceBase
{
    /// <summary>Most agent ids one WatchAgents call may name.</summary>
    public const int MaxAgentIds = 1_000;

    public override async Task WatchAgents(WatchAgentsRequest request, IServerStreamWriter<AgentState> responseStream, ServerCallContext context)
    {
        var caller = Caller(context);
        var cancellationToken = context.CancellationToken;
        var agentIds = await AgentIds(caller, request);
        var watch = new AgentWatch();
        var reference = grainFactory.CreateObjectReference<IAgentObserver>(watch);
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        var grains = agentIds.Select(id => grainFactory.Agent(caller.TenantId, id)).ToList();
        try
        {
            await Task.WhenAll(grains.Select(g => g.Subscribe(reference)));
            foreach (var snapshot in await Task.WhenAll(grains.Select(g => g.GetSnapshot())))
            {
                await Send(snapshot);
            }
            while (!cancellationToken.IsCancellationRequested)
            {
                using var renew = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                renew.CancelAfter(Interactions.InteractionEdgeService.RenewEvery);
                try
                {
                    await Send(await watch.States.ReadAsync(renew.Token));
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await Task.WhenAll(grains.Select(g => g.Subscribe(reference)));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The supervisor went away: the normal end of a watch.
        }
        finally
        {
            await Unsubscribe(grains, reference);
        }

        async Task Send(AgentSnapshot snapshot)
        {
            // Observer calls may overtake each other; never send an older state after a newer one.
            if (versions.TryGetValue(snapshot.AgentId, out var seen) && snapshot.Version <= seen)
            {
                return;
            }
            versions[snapshot.AgentId] = snapshot.Version;
            await responseStream.WriteAsync(snapshot.ToProto(), cancellationToken);
        }
    }

    public override async Task WatchQueues(WatchQueuesRequest request, IServerStreamWriter<QueueStatistics> responseStream, ServerCallContext context)
    {
        var caller = Caller(context);
        var queueIds = await QueueIds(caller, request);
        await new QueueStatisticsStream(grainFactory, logger).RunAsync(caller.TenantId, queueIds, responseStream, context.CancellationToken);
    }

    public override async Task<InteractionSnapshot> SetPriority(SetPriorityRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        var interactionId = EdgeRequests.RequireId("interaction", request.InteractionId);
        context.CancellationToken.ThrowIfCancellationRequested();
        // The grain refuses an interaction that does not exist in the caller's tenant (NOT_FOUND) without creating anything.
        return (await grainFactory.Interaction(caller.TenantId, interactionId).SetPriority(request.Priority)).ToProto();
    }

    public override async Task<InteractionSnapshot> MoveInteraction(MoveInteractionRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        var interactionId = EdgeRequests.RequireId("interaction", request.InteractionId);
        var queueId = EdgeRequests.RequireId("queue", request.QueueId);
        context.CancellationToken.ThrowIfCancellationRequested();
        return (await grainFactory.Interaction(caller.TenantId, interactionId).MoveTo(queueId)).ToProto();
    }

    public override async Task<AgentState> ForceState(ForceStateRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        var agentId = EdgeRequests.RequireId("agent", request.AgentId);
        var agent = grainFactory.Agent(caller.TenantId, agentId);
        context.CancellationToken.ThrowIfCancellationRequested();
        var snapshot = request.Presence switch
        {
            Presence.Available => await agent.SetReady(),
            Presence.NotReady => await agent.SetNotReady(EdgeRequests.RequireId("not-ready reason", request.Reason)),
            Presence.Offline => await agent.Logout(),
            _ => throw EdgeRequests.InvalidArgument("presence must be PRESENCE_AVAILABLE, PRESENCE_NOT_READY (with a reason) or PRESENCE_OFFLINE"),
        };
        return snapshot.ToProto();
    }

    private async Task<string[]> AgentIds(EdgeCaller caller, WatchAgentsRequest request)
    {
        if (request.AgentIds.Count > MaxAgentIds)
        {
            throw EdgeRequests.InvalidArgument($"at most {MaxAgentIds} agent ids per watch; leave the list empty to watch every agent");
        }
        foreach (var id in request.AgentIds)
        {
            EdgeRequests.RequireId("agent", id);
        }
        var configuration = await grainFactory.Tenant(caller.TenantId).GetConfiguration();
        var known = configuration?.Agents.Select(a => a.AgentId).ToHashSet(StringComparer.Ordinal) ?? [];
        if (request.AgentIds.Count == 0)
        {
            return [.. known.Order(StringComparer.Ordinal)];
        }
        if (request.AgentIds.FirstOrDefault(id => !known.Contains(id)) is { } unknown)
        {
            throw EdgeRequests.NotFound($"agent '{unknown}' is not configured in tenant '{caller.TenantId}'");
        }
        return [.. request.AgentIds.Distinct(StringComparer.Ordinal)];
    }

    private async Task<string[]> QueueIds(EdgeCaller caller, WatchQueuesRequest request)
    {
        if (request.QueueIds.Count > QueueStatisticsStream.MaxQueueIds)
        {
            throw EdgeRequests.InvalidArgument($"at most {QueueStatisticsStream.MaxQueueIds} queue ids per watch; leave the list empty to watch every queue");
        }
        foreach (var id in request.QueueIds)
        {
            EdgeRequests.RequireId("queue", id);
        }
        var configuration = await grainFactory.Tenant(caller.TenantId).GetConfiguration();
        var known = configuration?.Queues.Select(q => q.QueueId).ToHashSet(StringComparer.Ordinal) ?? [];
        if (request.QueueIds.Count == 0)
        {
            return [.. known.Order(StringComparer.Ordinal)];
        }
        if (request.QueueIds.FirstOrDefault(id => !known.Contains(id)) is { } unknown)
        {
            throw EdgeRequests.NotFound($"queue '{unknown}' is not configured in tenant '{caller.TenantId}'");
        }
        return [.. request.QueueIds.Distinct(StringComparer.Ordinal)];
    }

    private async Task Unsubscribe(List<IAgentGrain> grains, IAgentObserver reference)
    {
        try
        {
            await Task.WhenAll(grains.Select(g => g.Unsubscribe(reference)));
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            // The grains forget the observer after its lease anyway.
            EdgeLog.WatchEnded(logger, "agents", e.Message);
        }
        finally
        {
            grainFactory.DeleteObjectReference<IAgentObserver>(reference);
        }
    }

    private static EdgeCaller Caller(ServerCallContext context) =>
        EdgeCaller.From(context).Require(EdgeRoles.Supervisor, EdgeRoles.Admin);
}
