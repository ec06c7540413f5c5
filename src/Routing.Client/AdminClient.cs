using Grpc.Core;
using Grpc.Net.Client;
using Routing.Contracts.V1;

namespace Routing.Client;

/// <summary>The tenant's configuration and its history purge (role admin).</summary>
public sealed class AdminClient
{
    private readonly AdminService.AdminServiceClient _client;
    private readonly RoutingClientOptions _options;

    internal AdminClient(GrpcChannel channel, RoutingClientOptions options)
    {
        _client = new AdminService.AdminServiceClient(channel);
        _options = options;
    }

    /// <summary>Validates and applies the whole configuration; idempotent.</summary>
    public async Task<ApplyResult> ApplyAsync(TenantConfiguration configuration, CancellationToken cancellationToken = default) =>
        await _client.ApplyConfigurationAsync(configuration, _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <summary>The configuration last applied; NOT_FOUND when there is none.</summary>
    public async Task<TenantConfiguration> GetAsync(CancellationToken cancellationToken = default) =>
        await _client.GetConfigurationAsync(new GetConfigurationRequest(), _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <summary>Adds or replaces one queue and applies the result (validated as a whole).</summary>
    public async Task<ApplyResult> PutQueueAsync(QueueDefinition queue, CancellationToken cancellationToken = default) =>
        await _client.PutQueueAsync(queue, _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <summary>Adds or replaces one agent and applies the result (validated as a whole).</summary>
    public async Task<ApplyResult> PutAgentAsync(AgentDefinition agent, CancellationToken cancellationToken = default) =>
        await _client.PutAgentAsync(agent, _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <summary>Deletes the tenant's history older than <paramref name="before"/> (null: older than its retention period)
    /// from every history table; returns the rows deleted per table.</summary>
    public async Task<PurgeHistoryResponse> PurgeHistoryAsync(DateTimeOffset? before = null, CancellationToken cancellationToken = default) =>
        await _client.PurgeHistoryAsync(
            new PurgeHistoryRequest { Before = before is { } at ? Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(at) : null },
            _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <summary>The cluster's silos and how many agent, queue and interaction grains each holds.</summary>
    public async Task<ClusterStatus> GetClusterStatusAsync(CancellationToken cancellationToken = default) =>
        await _client.GetClusterStatusAsync(new GetClusterStatusRequest(), _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);
}
