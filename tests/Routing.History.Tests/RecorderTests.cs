using Routing.History.Tests.Infrastructure;

namespace Routing.History.Tests;

public sealed class RecorderTests(HistoryDatabases databases)
{
    private readonly CancellationToken _cancellation = TestContext.Current.CancellationToken;

    [Theory, BothProviders]
    public async Task Recorder_ThousandsOfFacts_FlushWritesThemAllInBatches(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        await using var recorder = Recorders.Start(store, batchSize: 300);
        var tenant = Facts.NewTenant();

        recorder.RecordAll(Facts.Bundles(tenant, 1, 1_000));
        await recorder.FlushWithinAsync();

        Assert.Equal(new HistoryCounts(1_000, 2_000, 2_000, 1_000, 1_000), await store.CountAsync(tenant, _cancellation));
        Assert.Equal(new HistoryRecorderCounters(Recorded: 5_000, Written: 5_000, Pending: 0, Dropped: 0, FailedBatches: 0, Abandoned: 0), recorder.Counters);
    }

    [Theory, BothProviders]
    public async Task Recorder_ManyVersionsOfTheSameInteractionsAcrossConcurrentBatches_KeepsTheNewestOfEach(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        await using var recorder = Recorders.Start(store, batchSize: 30, writers: 4);
        var tenant = Facts.NewTenant();

        for (var version = 1; version <= 100; version++)
        {
            for (var number = 1; number <= 20; number++)
            {
                recorder.Record(Facts.Interaction(tenant, $"i-{number}", version) with { DispositionCode = $"v{version}" });
            }
        }
        await recorder.FlushWithinAsync();

        for (var number = 1; number <= 20; number++)
        {
            Assert.Equal("v100", (await store.FindInteractionAsync(tenant, $"i-{number}", _cancellation))!.DispositionCode);
        }
        Assert.Equal(2_000, recorder.Counters.Written);
    }

    [Fact]
    public async Task Recorder_StoreFailsTwice_RetriesTheBatch_AndLosesNothing()
    {
        await using var store = new ScriptedStore(await databases.CreateStoreAsync(HistoryProvider.Sqlite, _cancellation));
        store.FailNext(2);
        await using var recorder = Recorders.Start(store);
        var tenant = Facts.NewTenant();

        recorder.RecordAll(Facts.Bundle(tenant, 1));
        await recorder.FlushWithinAsync();

        Assert.Equal(new HistoryCounts(1, 2, 2, 1, 1), await store.CountAsync(tenant, _cancellation));
        Assert.Equal(2, recorder.Counters.FailedBatches);
        Assert.Equal(0, recorder.Counters.Pending);
    }

    [Theory, BothProviders]
    public async Task Recorder_AFactTheDatabaseRefuses_IsLeftOutAndCounted_TheRestOfItsBatchIsWritten(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        await using var recorder = Recorders.Start(store, batchSize: 1_000, writers: 1);
        var tenant = Facts.NewTenant();
        var facts = Facts.Bundles(tenant, 1, 100).ToList();
        facts.Insert(250, Facts.Interaction(tenant, "broken") with { QueueId = null! }); // NOT NULL in the schema

        recorder.RecordAll(facts);
        await recorder.FlushWithinAsync();

        Assert.Equal(new HistoryCounts(100, 200, 200, 100, 100), await store.CountAsync(tenant, _cancellation));
        Assert.Equal(new HistoryRecorderCounters(Recorded: 501, Written: 500, Pending: 0, Dropped: 0, FailedBatches: 0, Abandoned: 0, Rejected: 1), recorder.Counters);
    }

    [Fact]
    public async Task Recorder_QueueFull_RefusesAndCountsAtOnce_ThenWritesWhatItAccepted()
    {
        await using var store = new ScriptedStore(await databases.CreateStoreAsync(HistoryProvider.Sqlite, _cancellation)) { Gate = new() };
        await using var recorder = Recorders.Start(store, capacity: 10, batchSize: 10);
        var tenant = Facts.NewTenant();
        recorder.Record(Facts.Action(tenant, "first"));
        await store.FirstWrite.WaitAsync(TimeSpan.FromSeconds(30), _cancellation); // the writer holds it: the queue is empty

        var accepted = Enumerable.Range(0, 15).Select(number => recorder.Record(Facts.Action(tenant, $"a-{number}"))).ToList();

        Assert.Equal(10, accepted.Count(ok => ok));
        Assert.All(accepted.Skip(10), ok => Assert.False(ok));
        Assert.Equal(5, recorder.Counters.Dropped);
        Assert.Equal(11, recorder.Counters.Pending);
        store.Gate.SetResult();
        await recorder.FlushWithinAsync();
        Assert.Equal(11, (await store.CountAsync(tenant, _cancellation)).SupervisorActions);
    }

    [Fact]
    public async Task Recorder_Stopped_WritesWhatWasQueued_ThenRefusesNewFacts()
    {
        await using var store = await databases.CreateStoreAsync(HistoryProvider.Sqlite, _cancellation);
        var recorder = Recorders.Start(store);
        var tenant = Facts.NewTenant();
        recorder.RecordAll(Facts.Bundles(tenant, 1, 100));

        await recorder.StopAsync(_cancellation);

        Assert.Equal(100, (await store.CountAsync(tenant, _cancellation)).Interactions);
        Assert.False(recorder.Record(Facts.Action(tenant, "late")));
        Assert.Equal(new HistoryRecorderCounters(500, 500, 0, 1, 0, 0), recorder.Counters);
        await recorder.DisposeAsync();
    }

    [Fact]
    public async Task Recorder_StopTimesOutWhileTheStoreHangs_CountsTheFactsAsAbandoned()
    {
        await using var store = new ScriptedStore(await databases.CreateStoreAsync(HistoryProvider.Sqlite, _cancellation)) { Gate = new() };
        await using var recorder = Recorders.Start(store);
        var tenant = Facts.NewTenant();
        recorder.RecordAll(Facts.Bundle(tenant, 1));
        await store.FirstWrite.WaitAsync(TimeSpan.FromSeconds(30), _cancellation);

        using var shutdown = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await recorder.StopAsync(shutdown.Token);

        Assert.Equal(5, recorder.Counters.Abandoned);
        Assert.Equal(0, recorder.Counters.Pending);
    }
}
