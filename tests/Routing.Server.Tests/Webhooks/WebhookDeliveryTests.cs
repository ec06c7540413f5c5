using System.Text.Json;
using Routing.Contracts.V1;
using Routing.Server.Tests.Events;

namespace Routing.Server.Tests.Webhooks;

/// <summary>Webhooks end to end: the real server delivers its feed to a real HTTP receiver on 127.0.0.1.</summary>
[Collection(EventFeedCollection.Name)]
public sealed class WebhookDeliveryTests(EventFeedFixture fixture)
{
    private readonly WebhookService.WebhookServiceClient _webhooks = new(fixture.Channel);
    private WebhookReceiver Receiver => fixture.Receiver!;

    [Fact]
    public async Task Events_DeliveredInOrder_AsSignedCloudEvents()
    {
        var (tenant, name) = (EventFeedFixture.NewTenant(), Guid.NewGuid().ToString("N"));
        var webhook = await CreateAsync(tenant, name);

        await fixture.RecordEventsAsync(tenant, "i-1", 3);
        var received = new[] { await Receiver.NextAsync(name), await Receiver.NextAsync(name), await Receiver.NextAsync(name) };

        Assert.Equal(["1", "2", "3"], received.Select(r => r.Id));
        Assert.All(received, r => Assert.True(r.SignatureValid));
        Assert.All(received, r => Assert.StartsWith("application/cloudevents+json", r.ContentType, StringComparison.Ordinal));
        Assert.All(received, r => Assert.InRange(r.Timestamp, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        var cloudEvent = JsonDocument.Parse(received[0].Body).RootElement;
        Assert.Equal("1.0", cloudEvent.GetProperty("specversion").GetString());
        Assert.Equal("1", cloudEvent.GetProperty("id").GetString());
        Assert.Equal($"/routing/tenants/{tenant}", cloudEvent.GetProperty("source").GetString());
        Assert.Equal(("routing.interaction.queued", "i-1"), (cloudEvent.GetProperty("type").GetString(), cloudEvent.GetProperty("subject").GetString()));
        Assert.Equal("sales", cloudEvent.GetProperty("data").GetProperty("queueId").GetString());
        Assert.StartsWith("whsec_", webhook.Secret, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiverFailingTwice_IsTriedAgain_ThenDelivered()
    {
        var (tenant, name) = (EventFeedFixture.NewTenant(), Guid.NewGuid().ToString("N"));
        var answers = new Queue<int>([500, 503, 200]);
        var webhook = await CreateAsync(tenant, name, _ => answers.Dequeue());

        await fixture.RecordEventsAsync(tenant, "i-1", 1);
        var tries = new[] { await Receiver.NextAsync(name), await Receiver.NextAsync(name), await Receiver.NextAsync(name) };

        Assert.Equal([500, 503, 200], tries.Select(t => t.AnsweredStatus));
        Assert.All(tries, t => Assert.Equal(("1", true), (t.Id, t.SignatureValid)));
        Assert.Empty((await _webhooks.ListDeadLettersAsync(new ListDeadLettersRequest { WebhookId = webhook.WebhookId }, Admin(tenant))).DeadLetters);
    }

    [Fact]
    public async Task ReceiverAlwaysFailingOneEvent_DeadLetter_LaterEventsDelivered_ReplayDeliversIt()
    {
        var (tenant, name) = (EventFeedFixture.NewTenant(), Guid.NewGuid().ToString("N"));
        var webhook = await CreateAsync(tenant, name, id => id == "1" ? 500 : 200);

        await fixture.RecordEventsAsync(tenant, "i-1", 2);
        var failures = new[] { await Receiver.NextAsync(name), await Receiver.NextAsync(name), await Receiver.NextAsync(name) };
        var next = await Receiver.NextAsync(name);

        Assert.All(failures, f => Assert.Equal(("1", 500), (f.Id, f.AnsweredStatus)));
        Assert.Equal(("2", 200), (next.Id, next.AnsweredStatus));
        var deadLetter = Assert.Single(await DeadLettersAsync(tenant, webhook.WebhookId, until: letters => letters.Count > 0));
        Assert.Equal((1L, 3, 500), (deadLetter.Event.Position, deadLetter.Attempts, deadLetter.LastStatus));
        Assert.Contains("500", deadLetter.LastError, StringComparison.Ordinal);

        Receiver.Answer(name, _ => 200);
        var replay = await _webhooks.ReplayDeadLettersAsync(new ReplayDeadLettersRequest { WebhookId = webhook.WebhookId }, Admin(tenant));
        var replayed = await Receiver.NextAsync(name);

        Assert.Equal(1, replay.Replaying);
        Assert.Equal(("1", 200, true), (replayed.Id, replayed.AnsweredStatus, replayed.SignatureValid));
        Assert.Empty(await DeadLettersAsync(tenant, webhook.WebhookId, until: letters => letters.Count == 0));
    }

    [Fact]
    public async Task TypeFilterAndFromPosition_OnlyMatchingEventsAfterIt()
    {
        var (tenant, name) = (EventFeedFixture.NewTenant(), Guid.NewGuid().ToString("N"));
        await fixture.RecordEventsAsync(tenant, "i-1", 2);
        await CreateAsync(tenant, name, from: 1, patterns: ["routing.interaction.answered", "routing.interaction.queued"]);

        var second = await Receiver.NextAsync(name);
        fixture.RecordEventNoWait(tenant, "i-1", 3);
        var answered = await Receiver.NextAsync(name);

        Assert.Equal("2", second.Id);
        Assert.Equal(("3", "routing.interaction.answered"), (answered.Id, JsonDocument.Parse(answered.Body).RootElement.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task ListAndDelete_ListHidesTheSecret_DeletedStopsDelivering()
    {
        var (tenant, name) = (EventFeedFixture.NewTenant(), Guid.NewGuid().ToString("N"));
        var webhook = await CreateAsync(tenant, name);

        var listed = Assert.Single((await _webhooks.ListWebhooksAsync(new ListWebhooksRequest(), Admin(tenant))).Webhooks);
        await _webhooks.DeleteWebhookAsync(new DeleteWebhookRequest { WebhookId = webhook.WebhookId }, Admin(tenant));

        Assert.Equal((webhook.WebhookId, webhook.TargetUrl, ""), (listed.WebhookId, listed.TargetUrl, listed.Secret));
        Assert.Empty((await _webhooks.ListWebhooksAsync(new ListWebhooksRequest(), Admin(tenant))).Webhooks);
    }

    private async Task<Webhook> CreateAsync(string tenant, string name, Func<string, int>? answer = null, long? from = null, string[]? patterns = null)
    {
        var request = new CreateWebhookRequest { TargetUrl = Receiver.Endpoint(name, answer).ToString(), TypePatterns = { patterns ?? [] } };
        if (from is { } position)
        {
            request.FromPosition = position;
        }
        var webhook = await _webhooks.CreateWebhookAsync(request, Admin(tenant));
        Receiver.Trust(name, webhook.Secret);
        return webhook;
    }

    /// <summary>The dead letters once <paramref name="until"/> holds: the store is written after the receiver answered,
    /// and nothing pushes that write, so a bounded poll (10 s) waits for it.</summary>
    private async Task<List<DeadLetter>> DeadLettersAsync(string tenant, string webhookId, Func<List<DeadLetter>, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var letters = (await _webhooks.ListDeadLettersAsync(new ListDeadLettersRequest { WebhookId = webhookId }, Admin(tenant))).DeadLetters.ToList();
            if (until(letters) || DateTime.UtcNow > deadline)
            {
                return letters;
            }
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private Grpc.Core.CallOptions Admin(string tenant) => fixture.As(tenant, "admin");
}
