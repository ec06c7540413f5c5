using Routing.History.Feed;
using Routing.History.Tests.Infrastructure;
using Routing.History.Webhooks;

namespace Routing.History.Tests.Feed;

/// <summary>Webhook subscriptions, their delivered position and dead letters, stored with the history on both providers.</summary>
public sealed class WebhookStoreTests(HistoryDatabases databases)
{
    private readonly CancellationToken _cancellation = TestContext.Current.CancellationToken;

    [Theory, BothProviders]
    public async Task Subscription_CreatedListedAdvancedAndDeleted_PerTenant(HistoryProvider provider)
    {
        await using var history = await databases.CreateStoreAsync(provider, _cancellation);
        var store = (IWebhookStore)history;
        var (tenant, other) = (Facts.NewTenant(), Facts.NewTenant());
        var subscription = new WebhookSubscription(tenant, "wh_1", new Uri("https://crm.example/hooks?x=1"), "whsec_secret", ["routing.agent.*"], Facts.Start, 4);

        Assert.True(await store.CreateAsync(subscription, _cancellation));
        Assert.False(await store.CreateAsync(subscription with { TargetUrl = new Uri("https://other.example/") }, _cancellation));
        await store.SaveDeliveredAsync(tenant, "wh_1", 9, _cancellation);
        await store.SaveDeliveredAsync(tenant, "wh_1", 7, _cancellation);

        Assert.Equivalent(subscription with { DeliveredPosition = 9 }, Assert.Single(await store.ListAsync(tenant, _cancellation)), strict: true);
        Assert.Empty(await store.ListAsync(other, _cancellation));
        Assert.Null(await store.FindAsync(other, "wh_1", _cancellation));
        Assert.Contains(await store.ListAllAsync(_cancellation), s => s.TenantId == tenant);
        Assert.False(await store.DeleteAsync(other, "wh_1", _cancellation));
        Assert.True(await store.DeleteAsync(tenant, "wh_1", _cancellation));
        Assert.Null(await store.FindAsync(tenant, "wh_1", _cancellation));
    }

    [Theory, BothProviders]
    public async Task DeadLetter_StoredWithItsEvent_FailingAgainAddsTries_DeletedOnceDelivered(HistoryProvider provider)
    {
        await using var history = await databases.CreateStoreAsync(provider, _cancellation);
        var store = (IWebhookStore)history;
        var tenant = Facts.NewTenant();
        await history.WriteAsync(new HistoryBatch([Facts.Event(tenant, "i-1", 1), Facts.Event(tenant, "i-1", 2)]), _cancellation);
        var events = await ((IEventFeed)history).ReadAsync(tenant, 0, FeedTypeFilter.All, 10, _cancellation);
        await store.CreateAsync(new WebhookSubscription(tenant, "wh_1", new Uri("http://127.0.0.1/hook"), "whsec_secret", [], Facts.Start, 0), _cancellation);

        await store.SaveDeadLetterAsync(tenant, new WebhookDeadLetter("wh_1", events[1], 3, 500, "the receiver answered 500", Facts.Start), _cancellation);
        await store.SaveDeadLetterAsync(tenant, new WebhookDeadLetter("wh_1", events[1], 3, 0, "no answer", Facts.Start.AddMinutes(1)), _cancellation);

        var deadLetter = Assert.Single(await store.ListDeadLettersAsync(tenant, "wh_1", _cancellation));
        Assert.Equal((2L, "i-1", 6, 0, "no answer", Facts.Start.AddMinutes(1)),
            (deadLetter.Event.Position, deadLetter.Event.Subject, deadLetter.Attempts, deadLetter.LastStatus, deadLetter.LastError, deadLetter.FailedAt));
        await store.DeleteDeadLetterAsync(tenant, "wh_1", 2, _cancellation);
        Assert.Empty(await store.ListDeadLettersAsync(tenant, "wh_1", _cancellation));
    }
}
