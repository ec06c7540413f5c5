using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Routing.History.Tests.Infrastructure;

namespace Routing.History.Tests.Reports;

/// <summary>
/// The month's queue report is fast on SQLite only while SQLite can aggregate in index order (a sort of a million rows
/// took seconds): the query shapes the store runs must each read one index of migration 0004, with no temporary B-tree
/// for their GROUP BY and no table lookups (the partial quarter hours at a range's ends and unusual thresholds still read
/// them). The whole quarter hours read migration 0007's aggregates by key, and the unfinished interactions by state:
/// neither may read the period's interactions.
/// </summary>
public sealed class QueueReportPlanTests(HistoryDatabases databases)
{
    [Fact]
    public async Task QueueReport_OnSqlite_AggregatesInTheQuarterIndexOrder_WithoutSortingOrTableLookups()
    {
        var plans = await PlansAsync("""
            EXPLAIN QUERY PLAN
            SELECT queue_id, (arrived_at / 900000000) AS quarter, COUNT(*), COUNT(answered_at),
              COUNT(*) FILTER (WHERE answered_at IS NOT NULL AND wait_ms <= 20000),
              COUNT(*) FILTER (WHERE state = 'Abandoned' AND wait_ms < 5000),
              SUM(talk_ms + wrap_up_ms) FILTER (WHERE state = 'Completed' AND answered_at IS NOT NULL),
              MAX(wait_ms)
            FROM interactions
            WHERE tenant_id = @tenant AND (arrived_at / 900000000) BETWEEN @first AND @last
              AND arrived_at >= @from AND arrived_at < @to AND state <> 'Rejected' AND queue_id IN (@queue)
            GROUP BY quarter, queue_id;
            EXPLAIN QUERY PLAN
            SELECT queue_id, (connected_at / 900000000) AS quarter, COUNT(*) FILTER (WHERE leg_index > 0), COUNT(*) FILTER (WHERE transferred)
            FROM interaction_legs
            WHERE tenant_id = @tenant AND (connected_at / 900000000) BETWEEN @first AND @last
              AND connected_at >= @from AND connected_at < @to AND (leg_index > 0 OR transferred)
            GROUP BY quarter, queue_id
            """);

        // One step each: a seek into the covering index by tenant and quarter hours; no "USE TEMP B-TREE FOR GROUP BY".
        Assert.Collection(plans,
            interactions => Assert.StartsWith("SEARCH interactions USING COVERING INDEX ix_interactions_quarter (tenant_id=? AND <expr>>? AND <expr><?)", Assert.Single(interactions), StringComparison.Ordinal),
            legs => Assert.StartsWith("SEARCH interaction_legs USING COVERING INDEX ix_interaction_legs_transfers_quarter (tenant_id=? AND <expr>>? AND <expr><?)", Assert.Single(legs), StringComparison.Ordinal));
    }

    [Fact]
    public async Task QueueReport_OnSqlite_ReadsTheAggregatesByKey_AndOnlyTheUnfinishedInteractions()
    {
        // The shapes of HistoryStore.AggregatesSql, of the unfinished interactions (InteractionFiguresSql with the state
        // index named) and of their transferring legs (UnfinishedTransfersSql).
        var plans = await PlansAsync("""
            EXPLAIN QUERY PLAN
            SELECT queue_id, quarter, offered, answered_within_20s, abandoned - abandoned_within_5s FROM queue_intervals
            WHERE tenant_id = @tenant AND quarter >= @first AND quarter < @last AND queue_id IN (@queue);
            EXPLAIN QUERY PLAN
            SELECT queue_id, (arrived_at / 900000000) AS quarter, COUNT(*), MAX(wait_ms)
            FROM interactions INDEXED BY ix_interactions_unserved
            WHERE tenant_id = @tenant AND arrived_at >= @from AND arrived_at < @to AND state <> 'Rejected'
              AND state <> 'Completed' AND state IN ('None', 'Queued', 'Offered', 'Connected', 'WrapUp', 'Scheduled')
            GROUP BY quarter, queue_id;
            EXPLAIN QUERY PLAN
            SELECT l.queue_id AS queue_id, (l.connected_at / 900000000) AS quarter, COUNT(*) FILTER (WHERE l.leg_index > 0)
            FROM interactions i CROSS JOIN interaction_legs l
            WHERE i.tenant_id = @tenant AND i.state <> 'Completed' AND i.state IN ('None', 'Queued', 'Offered', 'Connected', 'WrapUp', 'Scheduled')
              AND l.tenant_id = i.tenant_id AND l.interaction_id = i.interaction_id AND (l.leg_index > 0 OR l.transferred)
              AND l.connected_at >= @from AND l.connected_at < @to
            GROUP BY (l.connected_at / 900000000), l.queue_id
            """);

        // Seeks by key and by state: none reads the period's interactions.
        Assert.Collection(plans,
            aggregates => Assert.StartsWith("SEARCH queue_intervals USING INDEX sqlite_autoindex_queue_intervals_1 (tenant_id=? AND quarter>? AND quarter<?)", Assert.Single(aggregates), StringComparison.Ordinal),
            unfinished => Assert.StartsWith("SEARCH interactions USING INDEX ix_interactions_unserved (tenant_id=? AND state=? AND arrived_at>? AND arrived_at<?)", unfinished[0], StringComparison.Ordinal),
            legs => Assert.Equal(["SEARCH i USING INDEX ix_interactions_unserved (tenant_id=? AND state=?)", "SEARCH l USING INDEX sqlite_autoindex_interaction_legs_1 (tenant_id=? AND interaction_id=?)"],
                legs.Take(2)));
    }

    /// <summary>The plan of each statement of <paramref name="sql"/> (EXPLAIN QUERY PLAN …; every parameter 0) on a new,
    /// migrated SQLite database.</summary>
    private async Task<List<List<string>>> PlansAsync(string sql)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var connectionString = await databases.CreateAsync(HistoryProvider.Sqlite, cancellation);
        await using (var store = HistoryStoreFactory.Create(new HistoryOptions { ConnectionString = connectionString }, NullLoggerFactory.Instance))
        {
            await store.MigrateAsync(cancellation);
        }
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in new[] { "@tenant", "@from", "@to", "@first", "@last", "@queue" })
        {
            command.Parameters.AddWithValue(name, 0);
        }
        var plans = new List<List<string>>();
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            do
            {
                var plan = new List<string>();
                while (await reader.ReadAsync(cancellation))
                {
                    plan.Add(reader.GetString(3));
                }
                plans.Add(plan);
            }
            while (await reader.NextResultAsync(cancellation));
        }
        return plans;
    }
}
