using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Routing.History.Tests.Infrastructure;

namespace Routing.History.Tests.Reports;

/// <summary>
/// The month's queue report is fast on SQLite only while SQLite can aggregate in index order (a sort of a million rows
/// took seconds): the query shapes the store runs must each read one index of migration 0004, with no temporary B-tree
/// for their GROUP BY and no table lookups.
/// </summary>
public sealed class QueueReportPlanTests(HistoryDatabases databases)
{
    [Fact]
    public async Task QueueReport_OnSqlite_AggregatesInTheQuarterIndexOrder_WithoutSortingOrTableLookups()
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
        // The shape of HistoryStore.InteractionFiguresSql on SQLite (times in microseconds, quarter hours of 900 s).
        command.CommandText = """
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
            """;
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

        // One step each: a seek into the covering index by tenant and quarter hours; no "USE TEMP B-TREE FOR GROUP BY".
        Assert.Collection(plans,
            interactions => Assert.StartsWith("SEARCH interactions USING COVERING INDEX ix_interactions_quarter (tenant_id=? AND <expr>>? AND <expr><?)", Assert.Single(interactions), StringComparison.Ordinal),
            legs => Assert.StartsWith("SEARCH interaction_legs USING COVERING INDEX ix_interaction_legs_transfers_quarter (tenant_id=? AND <expr>>? AND <expr><?)", Assert.Single(legs), StringComparison.Ordinal));
    }
}
