using Routing.Core.Lifecycle;
using Routing.History.Feed;
using Routing.History.Tests.Infrastructure;

namespace Routing.History.Tests.Feed;

/// <summary>The event feed kept with the history, on both providers: one event per fact newly stored, positions without
/// gaps per tenant, resumable from any position.</summary>
public sealed class FeedStoreTests(HistoryDatabases databases)
{
    private readonly CancellationToken _cancellation = TestContext.Current.CancellationToken;

    [Theory, BothProviders]
    public async Task Facts_WrittenTwice_AppearOnceEach_NumberedFromOne(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var feed = (IEventFeed)store;
        var tenant = Facts.NewTenant();
        var facts = Facts.Bundles(tenant, 1, 3).ToList();

        await store.WriteAsync(new HistoryBatch(facts), _cancellation);
        await store.WriteAsync(new HistoryBatch(facts), _cancellation);

        var events = await feed.ReadAsync(tenant, 0, FeedTypeFilter.All, 100, _cancellation);
        Assert.Equal(Enumerable.Range(1, 15).Select(position => (long)position), events.Select(e => e.Position));
        Assert.Equal(15, events.Select(e => (e.Type, e.Data)).Distinct().Count());
        Assert.Equal(3, events.Count(e => e.Type == "routing.interaction.answered"));
        Assert.Equal(3, events.Count(e => e.Type == FeedEventTypes.AgentStateChanged));
        Assert.Equal(3, events.Count(e => e.Type == FeedEventTypes.AgentStateEnded));
        Assert.Equal(events.OrderBy(e => e.At).Select(e => e.Position), events.Select(e => e.Position));
        Assert.Equal(15, await feed.LatestPositionAsync(tenant, _cancellation));
    }

    [Theory, BothProviders]
    public async Task Interval_OpenThenClosedThenRepeated_StartsAndEndsOnce(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var feed = (IEventFeed)store;
        var tenant = Facts.NewTenant();
        var open = Facts.Interval(tenant, "bob", 1);
        var closed = open with { EndedAt = open.StartedAt.AddMinutes(5) };

        foreach (var interval in new[] { open, open, closed, open, closed })
        {
            await store.WriteAsync(new HistoryBatch([interval]), _cancellation);
        }

        var events = await feed.ReadAsync(tenant, 0, FeedTypeFilter.All, 100, _cancellation);
        Assert.Equal([FeedEventTypes.AgentStateChanged, FeedEventTypes.AgentStateEnded], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal("bob", e.Subject));
        Assert.Equal("NotReady", System.Text.Json.JsonDocument.Parse(events[0].Data).RootElement.GetProperty("presence").GetString());
        Assert.Equal(closed.EndedAt, events[1].At);
    }

    [Theory, BothProviders]
    public async Task Resume_FromAPosition_ReadsEverythingAfterIt(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var feed = (IEventFeed)store;
        var tenant = Facts.NewTenant();
        await store.WriteAsync(new HistoryBatch(Facts.Bundles(tenant, 1, 4)), _cancellation);
        var first = await feed.ReadAsync(tenant, 0, FeedTypeFilter.All, 7, _cancellation);

        await store.WriteAsync(new HistoryBatch(Facts.Bundles(tenant, 5, 4)), _cancellation);
        var rest = await feed.ReadAsync(tenant, first[^1].Position, FeedTypeFilter.All, 1_000, _cancellation);

        Assert.Equal(Enumerable.Range(1, 40).Select(p => (long)p), first.Concat(rest).Select(e => e.Position));
    }

    [Theory, BothProviders]
    public async Task TypeFilterAndTenant_OnlyMatchingEventsOfTheTenant(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var feed = (IEventFeed)store;
        var (tenant, other) = (Facts.NewTenant(), Facts.NewTenant());
        await store.WriteAsync(new HistoryBatch([.. Facts.Bundles(tenant, 1, 2), .. Facts.Bundles(other, 1, 2)]), _cancellation);
        Assert.True(FeedTypeFilter.TryCreate(["routing.agent.*", "routing.interaction.queued"], out var filter, out _));

        var events = await feed.ReadAsync(tenant, 0, filter, 100, _cancellation);

        Assert.Equal(6, events.Count);
        Assert.All(events, e => Assert.Equal(tenant, e.TenantId));
        Assert.All(events, e => Assert.True(e.Type.StartsWith("routing.agent.", StringComparison.Ordinal) || e.Type == FeedEventTypes.Interaction(InteractionEventKind.Queued)));
        Assert.Equal(10, await feed.LatestPositionAsync(other, _cancellation));
    }

    [Theory, BothProviders]
    public async Task Follow_WithAFilter_SendsMatchingEventsInOrder_AndIsWokenByTheStoresOwnWrites(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        await store.WriteAsync(new HistoryBatch(Facts.Bundles(tenant, 1, 2)), _cancellation);
        Assert.True(FeedTypeFilter.TryCreate(["routing.interaction.answered"], out var filter, out _));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var seen = new List<FeedEvent>();

        // Re-read period 10 minutes: only the store's own signal can bring the later events within the test's 20 s.
        await foreach (var stored in ((IEventFeed)store).FollowAsync(tenant, 0, filter, TimeSpan.FromMinutes(10), timeout.Token))
        {
            seen.Add(stored);
            if (seen.Count == 2)
            {
                await store.WriteAsync(new HistoryBatch(Facts.Bundles(tenant, 3, 1)), _cancellation);
            }
            if (seen.Count == 3)
            {
                break;
            }
        }

        Assert.Equal(["i-1", "i-2", "i-3"], seen.Select(e => e.Subject));
        Assert.All(seen, e => Assert.Equal("routing.interaction.answered", e.Type));
        Assert.True(seen[0].Position < seen[1].Position && seen[1].Position < seen[2].Position);
    }

    /// <summary>Several stores (as several silos) write one tenant at once while a reader follows the feed: the reader
    /// never sees a position before the one below it, so following "after the last seen" misses nothing.</summary>
    [Theory, BothProviders]
    public async Task ConcurrentWriters_ReaderFollowingTheFeed_MissesNothing(HistoryProvider provider)
    {
        var connection = await databases.CreateAsync(provider, _cancellation);
        var stores = Enumerable.Range(0, 4).Select(_ => HistoryStoreFactory.Create(
            new HistoryOptions { Provider = provider.ToString(), ConnectionString = connection }, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance)).ToList();
        await stores[0].MigrateAsync(_cancellation);
        var tenant = Facts.NewTenant();
        const int BatchesPerWriter = 15;
        const int BundlesPerBatch = 4;
        var writers = stores.Select((store, writer) => Task.Run(async () =>
        {
            for (var batch = 0; batch < BatchesPerWriter; batch++)
            {
                var first = (((writer * BatchesPerWriter) + batch) * BundlesPerBatch) + 1;
                await store.WriteAsync(new HistoryBatch(Facts.Bundles(tenant, first, BundlesPerBatch)), _cancellation);
            }
        }, _cancellation)).ToList();
        var expected = stores.Count * BatchesPerWriter * BundlesPerBatch * 5L;
        var reader = (IEventFeed)stores[0];
        var seen = new List<long>();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (seen.Count < expected && DateTime.UtcNow < deadline)
        {
            var read = await reader.ReadAsync(tenant, seen.Count == 0 ? 0 : seen[^1], FeedTypeFilter.All, 50, _cancellation);
            seen.AddRange(read.Select(e => e.Position));
        }
        await Task.WhenAll(writers);

        Assert.Equal(Enumerable.Range(1, (int)expected).Select(p => (long)p), seen);
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }
}
