using Routing.History.Feed;
using Routing.History.Schema;
using Routing.History.Tests.Infrastructure;

namespace Routing.History.Tests;

/// <summary>The retention purge, on both providers: older rows are gone from every table, newer rows and other tenants'
/// rows stay; and every table of the schema is covered by it.</summary>
public sealed class PurgeTests(HistoryDatabases databases)
{
    private readonly CancellationToken _cancellation = TestContext.Current.CancellationToken;

    [Theory, BothProviders]
    public async Task Purge_DeletesOlderRowsFromEveryTable_KeepsNewerOnesAndOtherTenants(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var (tenant, other) = (Facts.NewTenant(), Facts.NewTenant());
        var cutOff = Facts.Start.AddDays(30);
        await store.WriteAsync(new HistoryBatch([.. Old(tenant), .. New(tenant, cutOff), .. Old(other)]), _cancellation);
        var before = await store.CountAsync(tenant, _cancellation);
        Assert.Equal(new HistoryCounts(4, 4, 4, 4, 4), before);

        var deleted = await store.PurgeAsync(tenant, cutOff, _cancellation);

        Assert.Equal(new HistoryCounts(2, 2, 2, 2, 2), await store.CountAsync(tenant, _cancellation));
        Assert.Equal(HistoryTables.Purges.Select(rule => rule.Table).Order(StringComparer.Ordinal), deleted.Keys.Order(StringComparer.Ordinal));
        string[] historyTables = [HistoryTables.Interactions.Name, HistoryTables.Legs.Name, HistoryTables.Events.Name, HistoryTables.AgentIntervals.Name, HistoryTables.SupervisorActions.Name];
        Assert.All(historyTables, table => Assert.Equal(2, deleted[table]));
        Assert.True(deleted[HistoryTables.FeedTableName] > 0, "the old facts' feed events were not purged");
        Assert.Null(await store.FindInteractionAsync(tenant, "i-1", _cancellation));
        Assert.Empty(await store.ReadTimelineAsync(tenant, "i-1", _cancellation));
        Assert.NotNull(await store.FindInteractionAsync(tenant, "i-3", _cancellation));
        Assert.Equal(new HistoryCounts(2, 2, 2, 2, 2), await store.CountAsync(other, _cancellation));
        Assert.Empty(await store.ReadAgentIntervalsAsync(tenant, "agent-1", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, _cancellation));
        Assert.Equal(["action-3", "action-4"], (await store.ReadSupervisorActionsAsync(tenant, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, _cancellation)).Select(a => a.ActionId));
        Assert.All((await store.PurgeAsync(tenant, cutOff, _cancellation)).Values, rows => Assert.Equal(0, rows));
    }

    [Theory, BothProviders]
    public async Task Purge_TakesAnInteractionsLegsAndEventsWithIt_EvenWhenTheyCameAfterTheCutOff(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        // Arrived five minutes before the cut-off; its second leg and its later events come after it.
        var arrived = Facts.Start;
        await store.WriteAsync(new HistoryBatch(
            [Facts.Interaction(tenant, "i-1", arrivedAt: arrived), Facts.Event(tenant, "i-1", 400), Facts.Event(tenant, "i-1", 1)]), _cancellation);

        await store.PurgeAsync(tenant, arrived.AddMinutes(1), _cancellation);

        Assert.Equal(new HistoryCounts(0, 0, 0, 0, 0), await store.CountAsync(tenant, _cancellation));
    }

    [Theory, BothProviders]
    public async Task Purge_OfEverything_KeepsTheFeedsLastPosition_SoNewEventsNumberOnFromIt(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var feed = (IEventFeed)store;
        var tenant = Facts.NewTenant();
        await store.WriteAsync(new HistoryBatch(Old(tenant)), _cancellation);
        var last = await feed.LatestPositionAsync(tenant, _cancellation);

        await store.PurgeAsync(tenant, DateTimeOffset.UtcNow.AddYears(10), _cancellation);
        await store.WriteAsync(new HistoryBatch([Facts.Event(tenant, "i-9", 1)]), _cancellation);

        Assert.True(last > 1);
        var kept = await feed.ReadAsync(tenant, 0, FeedTypeFilter.All, 100, _cancellation);
        Assert.Equal([last, last + 1], kept.Select(e => e.Position));
    }

    [Theory, BothProviders]
    public async Task EveryTableOfTheSchema_IsPurgedOrKeptOnPurpose(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tables = await SchemaTablesAsync(provider, store);

        var covered = HistoryTables.Purges.Select(rule => rule.Table).Concat(HistoryTables.KeptByPurge.Keys).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(tables);
        Assert.All(tables, table => Assert.True(covered.Contains(table),
            $"table '{table}' is not in HistoryTables.Purges (nor in KeptByPurge): a tenant's retention purge would leave its rows behind"));
        Assert.All(covered, table => Assert.Contains(table, tables));
    }

    /// <summary>Rows of every table in three pairs of days: the first two interactions (and everything of theirs) before the cut-off.</summary>
    private static IEnumerable<HistoryFact> Old(string tenant) => Rows(tenant, [1, 2], Facts.Start);

    private static IEnumerable<HistoryFact> New(string tenant, DateTimeOffset cutOff) => Rows(tenant, [3, 4], cutOff.AddDays(1));

    private static IEnumerable<HistoryFact> Rows(string tenant, int[] numbers, DateTimeOffset at) => numbers.SelectMany(number => new HistoryFact[]
    {
        Facts.Interaction(tenant, $"i-{number}", arrivedAt: at.AddMinutes(number)) with { Legs = [Facts.Interaction(tenant, "x").Legs[0] with { ConnectedAt = at.AddMinutes(number + 1) }] },
        Facts.Event(tenant, $"i-{number}", 1) with { At = at.AddMinutes(number) },
        Facts.Interval(tenant, $"agent-{number}", number) with { StartedAt = at.AddMinutes(number) },
        Facts.Action(tenant, $"action-{number}") with { At = at.AddMinutes(number) },
    });

    private async Task<List<string>> SchemaTablesAsync(HistoryProvider provider, IHistoryStore store)
    {
        var sql = provider == HistoryProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
        var tables = await ((Storage.HistoryStore)store).ReadTextAsync(sql, _cancellation);
        return [.. tables.Where(table => table != Storage.HistoryMigrator.JournalTable)];
    }
}
