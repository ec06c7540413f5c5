using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>The data documents are the feed's contract with consumers and webhooks: every field of the fact, camelCase,
    /// nulls kept, enums by name, times in ISO 8601. Compared with what a general JSON serializer makes of the same fields.</summary>
    [Theory, BothProviders]
    public async Task Data_OfEachKind_CarriesEveryFieldOfTheFact(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var feed = (IEventFeed)store;
        var tenant = Facts.NewTenant();
        var queued = Facts.Event(tenant, "i-1", 1) with { AgentId = null, Detail = "caller said \"é\" <ok>" };
        var interval = Facts.Interval(tenant, "bob", 4, endedAt: Facts.Start.AddMinutes(3)) with
        {
            Load = new Core.ChannelCounts { Voice = 1, Chat = 2 },
            InteractionId = "i-1",
        };
        var action = Facts.Action(tenant, "a-1");

        await store.WriteAsync(new HistoryBatch([queued, interval, action]), _cancellation);

        var events = await feed.ReadAsync(tenant, 0, FeedTypeFilter.All, 100, _cancellation);
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        AssertSameJson(JsonSerializer.Serialize(new
        {
            queued.InteractionId, queued.Sequence, Kind = queued.Kind.ToString(), Status = queued.Status.ToString(), queued.QueueId, queued.AgentId, queued.Detail,
        }, web), events.Single(e => e.Type == "routing.interaction.queued").Data);
        var intervalJson = JsonSerializer.Serialize(new
        {
            interval.AgentId, interval.Sequence, Presence = interval.Presence.ToString(), interval.Reason, interval.Load, interval.Cause, interval.InteractionId,
            interval.StartedAt, interval.EndedAt,
        }, web);
        AssertSameJson(intervalJson, events.Single(e => e.Type == FeedEventTypes.AgentStateChanged).Data);
        AssertSameJson(intervalJson, events.Single(e => e.Type == FeedEventTypes.AgentStateEnded).Data);
        AssertSameJson(JsonSerializer.Serialize(new { action.ActionId, action.SupervisorId, action.Action, action.TargetKind, action.TargetId, action.Detail }, web),
            events.Single(e => e.Type == FeedEventTypes.SupervisorAction).Data);
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

    private static void AssertSameJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected {expected}, got {actual}");
}
