using Grpc.Net.Client;
using Routing.Contracts.V1;

namespace Routing.Client;

/// <summary>The tenant's webhook subscriptions (role admin): the event feed POSTed to HTTP endpoints as signed CloudEvents.</summary>
public sealed class WebhooksClient
{
    private readonly WebhookService.WebhookServiceClient _client;
    private readonly RoutingClientOptions _options;

    internal WebhooksClient(GrpcChannel channel, RoutingClientOptions options)
    {
        _client = new WebhookService.WebhookServiceClient(channel);
        _options = options;
    }

    /// <summary>Subscribes <paramref name="targetUrl"/> to the feed (types matching <paramref name="typePatterns"/>, all when
    /// none) from now on, or after <paramref name="fromPosition"/>. The answer carries the signing secret, the only time
    /// it is shown: a made one unless <paramref name="secret"/> (<c>whsec_…</c>) is given.</summary>
    public async Task<Webhook> CreateAsync(Uri targetUrl, IEnumerable<string>? typePatterns = null, string? secret = null, long? fromPosition = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targetUrl);
        var request = new CreateWebhookRequest { TargetUrl = targetUrl.ToString(), Secret = secret ?? "", TypePatterns = { typePatterns ?? [] } };
        if (fromPosition is { } position)
        {
            request.FromPosition = position;
        }
        return await _client.CreateWebhookAsync(request, _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);
    }

    /// <summary>The tenant's subscriptions, oldest first, without their secrets.</summary>
    public async Task<IReadOnlyList<Webhook>> ListAsync(CancellationToken cancellationToken = default) =>
        (await _client.ListWebhooksAsync(new ListWebhooksRequest(), _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false)).Webhooks;

    /// <summary>Stops delivering and deletes the subscription with its dead letters.</summary>
    public async Task DeleteAsync(string webhookId, CancellationToken cancellationToken = default) =>
        await _client.DeleteWebhookAsync(new DeleteWebhookRequest { WebhookId = webhookId }, _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false);

    /// <summary>The events the subscription gave up on, in position order, with the last error.</summary>
    public async Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(string webhookId, CancellationToken cancellationToken = default) =>
        (await _client.ListDeadLettersAsync(new ListDeadLettersRequest { WebhookId = webhookId }, _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false))
            .DeadLetters;

    /// <summary>Delivers the dead letters again in the background; returns how many.</summary>
    public async Task<int> ReplayDeadLettersAsync(string webhookId, CancellationToken cancellationToken = default) =>
        (await _client.ReplayDeadLettersAsync(new ReplayDeadLettersRequest { WebhookId = webhookId }, _options.UnaryCall(cancellationToken)).ResponseAsync.ConfigureAwait(false))
            .Replaying;
}
