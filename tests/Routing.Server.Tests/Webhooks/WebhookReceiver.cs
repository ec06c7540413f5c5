using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Routing.Testing;

namespace Routing.Server.Tests.Webhooks;

/// <summary>One POST the receiver got: its headers, its body, and whether its signature checked out.</summary>
public sealed record ReceivedWebhook(string Id, long Timestamp, string ContentType, string Body, bool SignatureValid, int AnsweredStatus);

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel), one endpoint per test (<c>/{name}</c>). It checks each request's
/// Standard Webhooks signature itself, straight from the convention (HMAC-SHA256 of id.timestamp.body, keyed with the
/// secret's base64 bytes), and answers with the status the test's policy gives (200 unless told otherwise).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Channel<ReceivedWebhook>> _received = new();
    private readonly ConcurrentDictionary<string, Func<string, int>> _policies = new();
    private readonly ConcurrentDictionary<string, string> _secrets = new();
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        // Content root apart from the tests' folder: the server's appsettings.json there names Kestrel endpoints, which
        // would win over this address.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        var address = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        builder.WebHost.UseUrls(address);
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build()) { BaseAddress = new Uri(address) };
        receiver._app.MapPost("/{name}", receiver.ReceiveAsync);
        await receiver._app.StartAsync();
        return receiver;
    }

    /// <summary>A fresh endpoint; <paramref name="status"/> answers each webhook-id (default: 200).</summary>
    public Uri Endpoint(string name, Func<string, int>? status = null)
    {
        _received[name] = Channel.CreateUnbounded<ReceivedWebhook>();
        _policies[name] = status ?? (_ => 200);
        return new Uri(BaseAddress, name);
    }

    /// <summary>Changes how the endpoint answers from now on.</summary>
    public void Answer(string name, Func<string, int> status) => _policies[name] = status;

    /// <summary>The secret the endpoint checks signatures with.</summary>
    public void Trust(string name, string secret) => _secrets[name] = secret;

    /// <summary>The next request the endpoint got; fails the test after 30 s.</summary>
    public async Task<ReceivedWebhook> NextAsync(string name)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        return await _received[name].Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Requests already received and not yet taken.</summary>
    public List<ReceivedWebhook> Pending(string name)
    {
        var pending = new List<ReceivedWebhook>();
        while (_received[name].Reader.TryRead(out var received))
        {
            pending.Add(received);
        }
        return pending;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ReceiveAsync(string name, HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var id = context.Request.Headers["webhook-id"].ToString();
        var timestamp = long.TryParse(context.Request.Headers["webhook-timestamp"].ToString(), out var seconds) ? seconds : -1;
        var valid = _secrets.TryGetValue(name, out var secret) && SignatureValid(secret, id, timestamp, body, context.Request.Headers["webhook-signature"].ToString());
        var status = _policies.TryGetValue(name, out var policy) ? policy(id) : 404;
        context.Response.StatusCode = status;
        if (_received.TryGetValue(name, out var channel))
        {
            channel.Writer.TryWrite(new ReceivedWebhook(id, timestamp, context.Request.ContentType ?? "", Encoding.UTF8.GetString(body), valid, status));
        }
    }

    private static bool SignatureValid(string secret, string id, long timestamp, byte[] body, string header)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
        return header.Split(' ').Contains(expected, StringComparer.Ordinal);
    }
}
