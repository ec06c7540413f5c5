using Microsoft.Extensions.Logging.Abstractions;
using Routing.History.Tests.Infrastructure;

namespace Routing.History.Tests;

/// <summary>The recorder rides out a PostgreSQL crash: on a server of this test's own (durable settings), killed
/// while batches are being written and restarted, every fact ends up stored exactly once.</summary>
public sealed class PostgresOutageTests
{
    private readonly CancellationToken _cancellation = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Recorder_PostgreSqlKilledThenRestarted_StoresEveryFactOnce()
    {
        await using var server = await PostgresServer.StartAsync(_cancellation);
        var options = new HistoryOptions { Provider = nameof(HistoryProvider.PostgreSql), ConnectionString = await server.CreateDatabaseAsync("history", _cancellation) };
        await using var store = HistoryStoreFactory.Create(options, NullLoggerFactory.Instance);
        await using var recorder = Recorders.Start(store, batchSize: 200);
        var tenant = Facts.NewTenant();

        recorder.RecordAll(Facts.Bundles(tenant, 1, 600));
        await Recorders.UntilAsync(() => recorder.Counters.Written > 0, "the first batch");
        await server.KillAsync(_cancellation);
        recorder.RecordAll(Facts.Bundles(tenant, 601, 600));
        await Recorders.UntilAsync(() => recorder.Counters.FailedBatches > 0, "a failed batch while the server is down");
        Assert.True(recorder.Counters.Pending > 0);
        await server.RestartAsync(_cancellation);
        await recorder.FlushWithinAsync();

        Assert.Equal(new HistoryCounts(1_200, 2_400, 2_400, 1_200, 1_200), await store.CountAsync(tenant, _cancellation));
        Assert.Equal(6_000, recorder.Counters.Written);
        Assert.Equal(0, recorder.Counters.Dropped);
    }
}
