using Grpc.Core;
using Grpc.Net.Client;
using Routing.Contracts.V1;

namespace Routing.Client;

/// <summary>The tenant's event feed (role admin, supervisor or integration): every stored interaction event, agent state
/// change and supervisor action, in order, resumable from a position.</summary>
public sealed class EventsClient
{
    private readonly EventFeedService.EventFeedServiceClient _client;
    private readonly RoutingClientOptions _options;

    internal EventsClient(GrpcChannel channel, RoutingClientOptions options)
    {
        _client = new EventFeedService.EventFeedServiceClient(channel);
        _options = options;
    }

    /// <summary>
    /// The events after <paramref name="fromPosition"/> (0: from the beginning), then each new one as it is stored, until
    /// cancelled; only the types <paramref name="typePatterns"/> match when given ("routing.interaction.answered",
    /// "routing.agent.*"). A broken stream is opened again from the last position passed on, so nothing is missed or
    /// repeated. Keep the last <see cref="FeedEvent.Position"/> handled to resume there after a restart.
    /// </summary>
    public IAsyncEnumerable<FeedEvent> SubscribeAsync(long fromPosition = 0, IEnumerable<string>? typePatterns = null, CancellationToken cancellationToken = default)
    {
        var patterns = typePatterns?.ToList() ?? [];
        var last = fromPosition;
        return ResumableStream.ReadAsync(
            ct =>
            {
                var request = new SubscribeEventsRequest { FromPosition = last };
                request.TypePatterns.AddRange(patterns);
                return _client.Subscribe(request, new CallOptions(cancellationToken: ct));
            },
            stored =>
            {
                if (stored.Position <= last)
                {
                    return false;
                }
                last = stored.Position;
                return true;
            },
            Reconnection.ForWatches(_options),
            cancellationToken);
    }

    /// <summary>The tenant's latest position (0 when nothing is stored yet).</summary>
    public async Task<long> GetPositionAsync(CancellationToken cancellationToken = default) =>
        (await _client.GetPositionAsync(new GetFeedPositionRequest(), _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false)).Position;
}
