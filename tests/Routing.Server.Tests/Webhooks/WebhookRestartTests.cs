using Routing.Contracts.V1;
using Routing.Server.Tests.Events;

namespace Routing.Server.Tests.Webhooks;

/// <summary>A restarted server resumes each webhook from its stored position: what was delivered is not sent again.</summary>
public sealed class WebhookRestartTests
{
    [Fact]
    public async Task Restart_ResumesFromTheStoredPosition_WithoutDeliveringEverythingAgain()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"routing-webhook-restart-{Guid.NewGuid():N}");
        var key = $"test-signing-key-{Guid.NewGuid():N}";
        var (tenant, name) = (EventFeedFixture.NewTenant(), "restart");
        await using var receiver = await WebhookReceiver.StartAsync();
        try
        {
            string webhookId;
            await using (var first = new FeedServer(directory, key))
            {
                await first.StartAsync();
                var webhooks = new WebhookService.WebhookServiceClient(first.Channel);
                var webhook = await webhooks.CreateWebhookAsync(new CreateWebhookRequest { TargetUrl = receiver.Endpoint(name).ToString() }, first.As(tenant, "admin"));
                webhookId = webhook.WebhookId;
                receiver.Trust(name, webhook.Secret);
                await first.RecordEventsAsync(tenant, "i-1", 2);
                Assert.Equal(["1", "2"], new[] { (await receiver.NextAsync(name)).Id, (await receiver.NextAsync(name)).Id });
                await DeliveredAsync(webhooks, first, tenant, 2);
            }

            await using var second = new FeedServer(directory, key);
            await second.StartAsync();
            await second.RecordEventsAsync(tenant, "i-1", 1, firstSequence: 3);
            var next = await receiver.NextAsync(name);

            Assert.Equal(("3", true), (next.Id, next.SignatureValid));
            Assert.Empty(receiver.Pending(name));
            var listed = Assert.Single((await new WebhookService.WebhookServiceClient(second.Channel).ListWebhooksAsync(new ListWebhooksRequest(), second.As(tenant, "admin"))).Webhooks);
            Assert.Equal(webhookId, listed.WebhookId);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Waits (bounded poll, 10 s: nothing pushes it) until the stored position reached <paramref name="position"/>,
    /// which the pump writes just after the receiver answered.</summary>
    private static async Task DeliveredAsync(WebhookService.WebhookServiceClient webhooks, FeedServer server, string tenant, long position)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await webhooks.ListWebhooksAsync(new ListWebhooksRequest(), server.As(tenant, "admin"))).Webhooks[0].DeliveredPosition < position)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the delivered position did not reach {position} within 10 s");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
