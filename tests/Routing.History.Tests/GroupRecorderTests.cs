using Routing.History.Tests.Infrastructure;

namespace Routing.History.Tests;

/// <summary>Groups of facts with a receipt: what the grains' at-least-once watermarks rest on.</summary>
public sealed class GroupRecorderTests(HistoryDatabases databases)
{
    private readonly CancellationToken _cancellation = TestContext.Current.CancellationToken;

    [Theory, BothProviders]
    public async Task Group_IsWrittenWhole_ThenItsReceiptIsTold(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        await using var recorder = Recorders.Start(store, batchSize: 3, writers: 2);
        var tenant = Facts.NewTenant();
        var receipts = Enumerable.Range(1, 50).Select(_ => new CountingReceipt()).ToList();

        for (var number = 1; number <= 50; number++)
        {
            Assert.True(recorder.Record(Facts.Bundle(tenant, number).ToList(), receipts[number - 1]));
        }
        await recorder.FlushWithinAsync();

        Assert.All(receipts, receipt => Assert.Equal(1, receipt.Written));
        Assert.Equal(new HistoryCounts(50, 100, 100, 50, 50), await store.CountAsync(tenant, _cancellation));
        Assert.Equal(250, recorder.Counters.Written);
    }

    [Fact]
    public async Task Group_NotAllFitting_IsRefusedWhole_AndCountedAsDropped()
    {
        await using var store = new ScriptedStore(await databases.CreateStoreAsync(HistoryProvider.Sqlite, _cancellation)) { Gate = new() };
        await using var recorder = Recorders.Start(store, capacity: 6, batchSize: 10);
        var tenant = Facts.NewTenant();
        recorder.Record(Facts.Action(tenant, "first"));
        await store.FirstWrite.WaitAsync(TimeSpan.FromSeconds(30), _cancellation);
        var kept = new CountingReceipt();
        var refused = new CountingReceipt();

        Assert.True(recorder.Record(Facts.Bundle(tenant, 1).ToList(), kept)); // 5 of 6
        Assert.False(recorder.Record(Facts.Bundle(tenant, 2).ToList(), refused));
        store.Gate.SetResult();
        await recorder.FlushWithinAsync();

        Assert.Equal((1, 0), (kept.Written, refused.Written));
        Assert.Equal(5, recorder.Counters.Dropped);
        Assert.Equal(1, (await store.CountAsync(tenant, _cancellation)).Interactions);
    }

    [Fact]
    public async Task Group_AbandonedWhenTheRecorderStops_IsNeverConfirmed()
    {
        await using var store = new ScriptedStore(await databases.CreateStoreAsync(HistoryProvider.Sqlite, _cancellation)) { Gate = new() };
        await using var recorder = Recorders.Start(store);
        var receipt = new CountingReceipt();
        recorder.Record(Facts.Bundle(Facts.NewTenant(), 1).ToList(), receipt);
        await store.FirstWrite.WaitAsync(TimeSpan.FromSeconds(30), _cancellation);

        using var shutdown = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await recorder.StopAsync(shutdown.Token);

        Assert.Equal(0, receipt.Written);
        Assert.Equal(5, recorder.Counters.Abandoned);
    }

    private sealed class CountingReceipt : IHistoryReceipt
    {
        private int _written;

        public int Written => Volatile.Read(ref _written);

        void IHistoryReceipt.Written() => Interlocked.Increment(ref _written);
    }
}
