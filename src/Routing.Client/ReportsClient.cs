using Grpc.Net.Client;
using Routing.Contracts.V1;

namespace Routing.Client;

/// <summary>Reports and searches over the stored history of the caller's tenant (role supervisor or admin).</summary>
public sealed class ReportsClient
{
    private readonly ReportService.ReportServiceClient _client;
    private readonly RoutingClientOptions _options;

    internal ReportsClient(GrpcChannel channel, RoutingClientOptions options)
    {
        _client = new ReportService.ReportServiceClient(channel);
        _options = options;
    }

    /// <summary>The queue interval report: per queue and interval, per local day, per queue and in all.</summary>
    public async Task<QueueReport> GetQueueReportAsync(QueueReportRequest request, CancellationToken cancellationToken = default) =>
        await _client.GetQueueReportAsync(request, _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <summary>The agent report: logged-in, ready and not-ready time, work per channel, occupancy, days.</summary>
    public async Task<AgentReport> GetAgentReportAsync(AgentReportRequest request, CancellationToken cancellationToken = default) =>
        await _client.GetAgentReportAsync(request, _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <summary>Interactions per client, queue and disposition code.</summary>
    public async Task<DispositionReport> GetDispositionReportAsync(DispositionReportRequest request, CancellationToken cancellationToken = default) =>
        await _client.GetDispositionReportAsync(request, _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <summary>One page of matching interactions, newest first; pass <see cref="SearchInteractionsResponse.NextPageToken"/>
    /// back in the same request for the next page.</summary>
    public async Task<SearchInteractionsResponse> SearchAsync(SearchInteractionsRequest request, CancellationToken cancellationToken = default) =>
        await _client.SearchInteractionsAsync(request, _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <summary>Every matching interaction, page after page.</summary>
    public async IAsyncEnumerable<StoredInteraction> SearchAllAsync(SearchInteractionsRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = request.Clone();
        do
        {
            var response = await SearchAsync(page, cancellationToken).ConfigureAwait(false);
            foreach (var interaction in response.Interactions)
            {
                yield return interaction;
            }
            page.PageToken = response.NextPageToken;
        }
        while (page.PageToken.Length > 0);
    }

    /// <summary>One stored interaction with its legs and events; NOT_FOUND when the tenant has no such interaction.</summary>
    public async Task<InteractionTimeline> GetTimelineAsync(string interactionId, CancellationToken cancellationToken = default) =>
        await _client.GetInteractionTimelineAsync(new GetInteractionTimelineRequest { InteractionId = interactionId },
            _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);
}
