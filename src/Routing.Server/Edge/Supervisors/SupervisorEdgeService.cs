using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Routing.Abstractions;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Queues;
using Routing.Configuration;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.Server.Edge.Mapping;

namespace Routing.Server.Edge.Supervisors;

/// <summary>supervisor.proto: supervisors watch agents' states and queues' statistics, force an agent's
/// presence, and change the priority or queue of waiting work.</summary>
[Authorize]
public sealed class SupervisorEdgeService(IGrainFactory grainFactory, EdgeShutdown shutdown, SupervisorActionLog actions, ILogger<SupervisorEdgeService> logger)
    : SupervisorService.SupervisorServiceBase
{
    /// <summary>Most agent or queue ids one watch call may name.</summary>
    public const int MaxWatchedIds = 1_000;

    public override Task WatchAgents(WatchAgentsRequest request, IServerStreamWriter<AgentState> responseStream, ServerCallContext context) =>
        shutdown.RunAsync(context, token => WatchAgentsAsync(request, responseStream, context, token));

    private async Task WatchAgentsAsync(WatchAgentsRequest request, IServerStreamWriter<AgentState> responseStream, ServerCallContext context, CancellationToken cancellationToken)
    {
        var caller = Caller(context);
        var agentIds = await WatchedIds(caller, "agent", request.AgentIds, c => c.Agents.Select(a => a.AgentId));
        var watch = new AgentWatch();
        var reference = grainFactory.CreateObjectReference<IAgentObserver>(watch);
        var grains = agentIds.Select(id => grainFactory.Agent(caller.TenantId, id)).ToList();
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            await GrainWatch.RunAsync(
                () => Task.WhenAll(grains.Select(g => g.Subscribe(reference))),
                () => Task.WhenAll(grains.Select(g => g.GetSnapshot())),
                watch.States,
                Send,
                () => Task.WhenAll(grains.Select(g => g.Unsubscribe(reference))),
                "agents",
                logger,
                cancellationToken);
        }
        finally
        {
            grainFactory.DeleteObjectReference<IAgentObserver>(reference);
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

    public override Task WatchQueues(WatchQueuesRequest request, IServerStreamWriter<QueueStatistics> responseStream, ServerCallContext context) =>
        shutdown.RunAsync(context, token => WatchQueuesAsync(request, responseStream, context, token));

    private async Task WatchQueuesAsync(WatchQueuesRequest request, IServerStreamWriter<QueueStatistics> responseStream, ServerCallContext context, CancellationToken cancellationToken)
    {
        var caller = Caller(context);
        var queueIds = await WatchedIds(caller, "queue", request.QueueIds, c => c.Queues.Select(q => q.QueueId));
        var watch = new QueueWatch();
        var reference = grainFactory.CreateObjectReference<IQueueObserver>(watch);
        var grains = queueIds.Select(id => grainFactory.Queue(caller.TenantId, id)).ToList();
        var latest = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        try
        {
            await GrainWatch.RunAsync(
                () => Task.WhenAll(grains.Select(g => g.Subscribe(reference))),
                () => Task.WhenAll(grains.Select(g => g.GetStatistics())),
                watch.Statistics,
                Send,
                () => Task.WhenAll(grains.Select(g => g.Unsubscribe(reference))),
                "queues",
                logger,
                cancellationToken);
        }
        finally
        {
            grainFactory.DeleteObjectReference<IQueueObserver>(reference);
        }

        async Task Send(Core.Statistics.QueueStatistics statistics)
        {
            // Pushes may overtake each other: never send older statistics after newer ones.
            if (latest.TryGetValue(statistics.QueueId, out var seen) && statistics.At <= seen)
            {
                return;
            }
            latest[statistics.QueueId] = statistics.At;
            await responseStream.WriteAsync(statistics.ToProto(), cancellationToken);
        }
    }

    public override async Task<InteractionSnapshot> SetPriority(SetPriorityRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        var interactionId = EdgeRequests.RequireId("interaction", request.InteractionId);
        context.CancellationToken.ThrowIfCancellationRequested();
        // The grain refuses an interaction that does not exist in the caller's tenant (NOT_FOUND) without creating anything.
        var snapshot = await grainFactory.Interaction(caller.TenantId, interactionId).SetPriority(request.Priority);
        await actions.RecordAsync(caller, SupervisorActionLog.Reprioritise, SupervisorActionLog.Interaction, interactionId, $"priority {request.Priority}");
        return snapshot.ToProto();
    }

    public override async Task<InteractionSnapshot> MoveInteraction(MoveInteractionRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        var interactionId = EdgeRequests.RequireId("interaction", request.InteractionId);
        var queueId = EdgeRequests.RequireId("queue", request.QueueId);
        context.CancellationToken.ThrowIfCancellationRequested();
        var snapshot = await grainFactory.Interaction(caller.TenantId, interactionId).MoveTo(queueId);
        await actions.RecordAsync(caller, SupervisorActionLog.Move, SupervisorActionLog.Interaction, interactionId, $"to queue {queueId}");
        return snapshot.ToProto();
    }

    public override async Task<AgentState> ForceState(ForceStateRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        var agentId = EdgeRequests.RequireId("agent", request.AgentId);
        var agent = grainFactory.Agent(caller.TenantId, agentId);
        context.CancellationToken.ThrowIfCancellationRequested();
        var (snapshot, action, detail) = request.Presence switch
        {
            Presence.Available => (await agent.SetReady(), SupervisorActionLog.ForceReady, null),
            Presence.NotReady => (await agent.SetNotReady(EdgeRequests.RequireId("not-ready reason", request.Reason)), SupervisorActionLog.ForceNotReady, request.Reason),
            Presence.Offline => (await agent.Logout(), SupervisorActionLog.ForceLogout, null),
            _ => throw EdgeRequests.InvalidArgument("presence must be PRESENCE_AVAILABLE, PRESENCE_NOT_READY (with a reason) or PRESENCE_OFFLINE"),
        };
        await actions.RecordAsync(caller, action, SupervisorActionLog.Agent, agentId, detail);
        return snapshot.ToProto();
    }

    /// <summary>
    /// The <paramref name="kind"/> ids a watch asked for (at most <see cref="MaxWatchedIds"/>, each well formed
    /// and configured in the caller's tenant), or every configured one when it named none.
    /// </summary>
    private async Task<string[]> WatchedIds(EdgeCaller caller, string kind, IReadOnlyCollection<string> requested,
        Func<Abstractions.Configuration.TenantConfiguration, IEnumerable<string>> configured)
    {
        if (requested.Count > MaxWatchedIds)
        {
            throw EdgeRequests.InvalidArgument($"at most {MaxWatchedIds} {kind} ids per watch; leave the list empty to watch every {kind}");
        }
        foreach (var id in requested)
        {
            EdgeRequests.RequireId(kind, id);
        }
        var configuration = await grainFactory.Tenant(caller.TenantId).GetConfiguration();
        var known = configuration is null ? [] : configured(configuration).ToHashSet(StringComparer.Ordinal);
        if (requested.Count == 0)
        {
            return [.. known.Order(StringComparer.Ordinal)];
        }
        if (requested.FirstOrDefault(id => !known.Contains(id)) is { } unknown)
        {
            throw EdgeRequests.NotFound($"{kind} '{unknown}' is not configured in tenant '{caller.TenantId}'");
        }
        return [.. requested.Distinct(StringComparer.Ordinal)];
    }

    private static EdgeCaller Caller(ServerCallContext context) =>
        EdgeCaller.From(context).Require(EdgeRoles.Supervisor, EdgeRoles.Admin);
}
