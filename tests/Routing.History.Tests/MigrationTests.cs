using Microsoft.Extensions.Logging.Abstractions;
using Routing.History.Tests.Infrastructure;

namespace Routing.History.Tests;

public sealed class MigrationTests(HistoryDatabases databases)
{
    [Theory, BothProviders]
    public async Task Migrate_FromEmpty_CreatesTheSchema_AndRunningItAgainDoesNothing(HistoryProvider provider)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var options = new HistoryOptions { Provider = provider.ToString(), ConnectionString = await databases.CreateAsync(provider, cancellation) };
        await using var store = HistoryStoreFactory.Create(options, NullLoggerFactory.Instance);

        var first = await store.MigrateAsync(cancellation);
        var again = await store.MigrateAsync(cancellation);

        Assert.Equal(["0001_history_tables.sql", "0002_interaction_client.sql", "0003_leg_transfers_index.sql", "0004_queue_report_index.sql", "0005_event_feed.sql", "0006_personal_data.sql", "0007_queue_intervals.sql"], first);
        Assert.Empty(again);
        Assert.Equal(new HistoryCounts(0, 0, 0, 0, 0), await store.CountAsync("nobody", cancellation));
    }

    [Fact]
    public async Task Migrate_TwoStoresAtOnceOnPostgreSql_BothSucceed_ScriptsRunOnce()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var options = new HistoryOptions { Provider = nameof(HistoryProvider.PostgreSql), ConnectionString = await databases.CreateAsync(HistoryProvider.PostgreSql, cancellation) };
        await using var one = HistoryStoreFactory.Create(options, NullLoggerFactory.Instance);
        await using var other = HistoryStoreFactory.Create(options, NullLoggerFactory.Instance);

        var runs = await Task.WhenAll(one.MigrateAsync(cancellation), other.MigrateAsync(cancellation));

        // Every script once, all by the one that took the lock first.
        Assert.Equal(7, runs.Sum(scripts => scripts.Count));
        Assert.Contains(runs, scripts => scripts.Count == 0);
    }

    [Fact]
    public async Task Migrate_SqliteFileInAMissingFolder_CreatesTheFolder()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var folder = Path.Combine(Path.GetTempPath(), $"routing-history-{Guid.NewGuid():N}", "nested");
        try
        {
            await using var store = HistoryStoreFactory.Create(
                new HistoryOptions { ConnectionString = $"Data Source={Path.Combine(folder, "history.db")}" }, NullLoggerFactory.Instance);

            await store.MigrateAsync(cancellation);

            Assert.True(File.Exists(Path.Combine(folder, "history.db")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }
}
