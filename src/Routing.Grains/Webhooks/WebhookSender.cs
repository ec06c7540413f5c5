using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Routing.History.Feed;

namespace Routing.Grains.Webhooks;

/// <summary>
/// POSTs one feed event to a subscriber as a signed CloudEvent, trying again with exponential backoff and jitter (Polly)
/// until it is answered with a 2xx or <see cref="WebhookOptions.MaxAttempts"/> tries failed. Every try is bounded by
/// <see cref="WebhookOptions.RequestTimeout"/>; redirects are not followed (a subscriber gives its final URL). Each try
/// is signed afresh (Standard Webhooks: the timestamp is the try's), with the same webhook-id.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<WebhookAttempt> _retry;
    private readonly TimeProvider _clock;

    public WebhookSender(IOptions<WebhookOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _clock = clock;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = settings.RequestTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        })
        {
            Timeout = settings.RequestTimeout,
        };
        var retry = new ResiliencePipelineBuilder<WebhookAttempt>();
        // One try means no retry (Polly's retry needs at least one).
        if (settings.MaxAttempts > 1)
        {
            retry.AddRetry(new RetryStrategyOptions<WebhookAttempt>
            {
                ShouldHandle = arguments => ValueTask.FromResult(arguments.Outcome.Result is { Delivered: false }),
                MaxRetryAttempts = settings.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryDelay,
                MaxDelay = settings.MaxRetryDelay,
            });
        }
        _retry = retry.Build();
    }

    /// <summary>Delivers <paramref name="stored"/> to <paramref name="target"/>, signed with <paramref name="secret"/>.</summary>
    public async Task<WebhookAttempt> DeliverAsync(Uri target, string secret, FeedEvent stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var body = WebhookMessage.Encode(stored);
        var id = WebhookMessage.IdOf(stored);
        var attempts = 0;
        return await _retry.ExecuteAsync(async token =>
        {
            attempts++;
            return await PostAsync(target, secret, id, body, attempts, token);
        }, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task<WebhookAttempt> PostAsync(Uri target, string secret, string id, byte[] body, int attempt, CancellationToken cancellationToken)
    {
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(WebhookMessage.ContentType) { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.IdHeader, id);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, id, timestamp, body));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new WebhookAttempt(true, attempt, status, "")
                : new WebhookAttempt(false, attempt, status, $"the receiver answered {status} {response.ReasonPhrase}");
        }
        catch (HttpRequestException exception)
        {
            return new WebhookAttempt(false, attempt, 0, $"no answer: {exception.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttempt(false, attempt, 0, $"no answer within {_http.Timeout.TotalSeconds:0.###} s");
        }
    }
}
