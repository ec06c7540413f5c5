using Grpc.Core;
using Grpc.Net.Client;
using Routing.Contracts.V1;

namespace Routing.Client;

/// <summary>Live agent states and forcing a state (role supervisor or admin).</summary>
public sealed class SupervisorClient
{
    private readonly SupervisorService.SupervisorServiceClient _client;
    private readonly RoutingClientOptions _options;

    internal SupervisorClient(GrpcChannel channel, RoutingClientOptions options)
    {
        _client = new SupervisorService.SupervisorServiceClient(channel);
        _options = options;
    }

    /// <summary>
    /// The current state of the agents (all of the tenant's when none are named), then every change, until
    /// cancelled. A broken stream is opened again; states older than one already seen are dropped, so
    /// each agent's states arrive in version order.
    /// </summary>
    public IAsyncEnumerable<AgentState> WatchAgentsAsync(IEnumerable<string>? agentIds = null, CancellationToken cancellationToken = default)
    {
        var request = new WatchAgentsRequest();
        request.AgentIds.AddRange(agentIds ?? []);
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        return ResumableStream.ReadAsync(
            ct => _client.WatchAgents(request, new CallOptions(cancellationToken: ct)),
            state =>
            {
                if (versions.TryGetValue(state.AgentId, out var version) && state.Version <= version)
                {
                    return false;
                }
                versions[state.AgentId] = state.Version;
                return true;
            },
            Reconnection.ForWatches(_options),
            cancellationToken);
    }

    /// <summary>
    /// Live statistics of the queues (all of the tenant's when none are named): the current ones, then fresh
    /// ones as the queues push them, until cancelled. A broken stream is opened again; statistics older than
    /// ones already passed on for the same queue are dropped.
    /// </summary>
    public IAsyncEnumerable<QueueStatistics> WatchQueuesAsync(IEnumerable<string>? queueIds = null, CancellationToken cancellationToken = default)
    {
        var request = new WatchQueuesRequest();
        request.QueueIds.AddRange(queueIds ?? []);
        var latest = new Dictionary<string, Google.Protobuf.WellKnownTypes.Timestamp>(StringComparer.Ordinal);
        return ResumableStream.ReadAsync(
            ct => _client.WatchQueues(request, new CallOptions(cancellationToken: ct)),
            statistics =>
            {
                if (latest.TryGetValue(statistics.QueueId, out var seen) && statistics.At.CompareTo(seen) <= 0)
                {
                    return false;
                }
                latest[statistics.QueueId] = statistics.At;
                return true;
            },
            Reconnection.ForWatches(_options),
            cancellationToken);
    }

    /// <summary>Changes the priority (0–100) of a waiting or ringing interaction; it keeps its arrival time.</summary>
    public async Task<InteractionSnapshot> SetPriorityAsync(string interactionId, int priority, CancellationToken cancellationToken = default) =>
        await _client.SetPriorityAsync(new SetPriorityRequest { InteractionId = interactionId, Priority = priority },
            _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <summary>Moves a waiting interaction to another queue; it keeps its arrival time.</summary>
    public async Task<InteractionSnapshot> MoveAsync(string interactionId, string queueId, CancellationToken cancellationToken = default) =>
        await _client.MoveInteractionAsync(new MoveInteractionRequest { InteractionId = interactionId, QueueId = queueId },
            _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <summary>Forces an agent's presence; OFFLINE is refused while the agent has work connected or in wrap-up.</summary>
    public async Task<AgentState> ForceStateAsync(string agentId, Presence presence, string reason = "", CancellationToken cancellationToken = default) =>
        await _client.ForceStateAsync(new ForceStateRequest { AgentId = agentId, Presence = presence, Reason = reason },
            _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);
}
