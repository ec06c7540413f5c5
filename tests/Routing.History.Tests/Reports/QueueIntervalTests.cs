using Routing.Core;
using Routing.History.Reports;
using Routing.History.Schema;
using Routing.History.Storage;
using Routing.History.Tests.Infrastructure;
using static Routing.History.Tests.Reports.ReportFacts;

namespace Routing.History.Tests.Reports;

/// <summary>
/// The queue interval aggregates of migration 0007, on both providers: an interaction counts once whatever order and
/// repetitions its versions arrive in; the report from the aggregates is the report from the interactions themselves
/// (the pre-0007 computation), for any range, interval and thresholds; the purge and the migration's fill keep it so.
/// </summary>
public sealed class QueueIntervalTests(HistoryDatabases databases)
{
    // Paris, 25 October 2026, the 25-hour day (the clocks go back at 01:00 UTC), with an hour either side.
    private static readonly DateTimeOffset DayStart = new(2026, 10, 24, 21, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan DaySpan = TimeSpan.FromHours(27);
    private static readonly DateTimeOffset Morning = new(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(1));
    private readonly CancellationToken _cancellation = TestContext.Current.CancellationToken;

    [Theory, BothProviders]
    public async Task RepeatedAndOutOfOrderVersions_InsideAndAcrossBatches_CountOnce(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        var final = Answered(tenant, "a", "sales", Morning, TimeSpan.FromSeconds(12));
        var early = final with { Version = 2, State = InteractionStatus.Queued, AnsweredAt = null, Legs = [] };
        var transfer = Transferred(tenant, "t", "sales", "billing", Morning.AddMinutes(1));
        var abandoned = Unanswered(tenant, "ab", "sales", Morning.AddMinutes(2), TimeSpan.FromSeconds(40));

        // The final version first, then again in the same batch and the next ones, with older versions after it.
        await store.WriteAsync(new HistoryBatch([final, final, early, transfer, abandoned]), _cancellation);
        await store.WriteAsync(new HistoryBatch([early, final, transfer with { Version = 3, State = InteractionStatus.Connected }]), _cancellation);
        await store.WriteAsync(new HistoryBatch([final with { Version = 6 }, transfer, abandoned, abandoned with { Version = 1, State = InteractionStatus.Queued }]), _cancellation);
        // An unfinished one counts from its row until its final version arrives, then from the aggregates, once.
        var later = Answered(tenant, "later", "sales", Morning.AddMinutes(3), TimeSpan.FromSeconds(5));
        await store.WriteAsync(new HistoryBatch([later with { Version = 1, State = InteractionStatus.Queued, AnsweredAt = null, Legs = [] }]), _cancellation);
        var query = new QueueReportQuery { TenantId = tenant, From = Morning, To = Morning.AddHours(1) };
        Assert.Equal(4, (await store.Reports().QueueReportAsync(query, _cancellation)).Total.Offered);
        await store.WriteAsync(new HistoryBatch([later]), _cancellation);
        await store.WriteAsync(new HistoryBatch([later, later with { Version = 1, State = InteractionStatus.Queued, AnsweredAt = null, Legs = [] }]), _cancellation);

        var report = await store.Reports().QueueReportAsync(query, _cancellation);

        Assert.Equal((4, 3, 1, 1, 1), (report.Total.Offered, report.Total.Answered, report.Total.Abandoned, report.Total.TransferredIn, report.Total.TransferredOut));
        Assert.Equal("4", await AggregatedAsync(store, tenant, "offered"));
        Assert.Equal("1", await AggregatedAsync(store, tenant, "transferred_in"));
        await AssertSameAsRowsAsync(store, query);
    }

    [Theory, BothProviders]
    public async Task SameFinalVersionFromTwoStoresAtOnce_CountsOnce(HistoryProvider provider)
    {
        var options = new HistoryOptions { Provider = provider.ToString(), ConnectionString = await databases.CreateAsync(provider, _cancellation) };
        await using var one = HistoryStoreFactory.Create(options, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        await using var other = HistoryStoreFactory.Create(options, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        await one.MigrateAsync(_cancellation);
        var tenant = Facts.NewTenant();
        const int Rounds = 20;

        for (var round = 0; round < Rounds; round++)
        {
            var batch = Enumerable.Range(0, 10).Select(n => Answered(tenant, $"i-{round}-{n}", "sales", Morning.AddMinutes(n), TimeSpan.FromSeconds(n))).ToList();
            await Task.WhenAll(one.WriteAsync(new HistoryBatch(batch), _cancellation), other.WriteAsync(new HistoryBatch(batch), _cancellation));
        }

        Assert.Equal((Rounds * 10).ToString(System.Globalization.CultureInfo.InvariantCulture), await AggregatedAsync(one, tenant, "offered"));
    }

    [Theory, BothProviders]
    public async Task SeededDayAcrossTheClockChange_ReportFromAggregatesEqualsReportFromRows(HistoryProvider provider)
    {
        var (store, tenant, counted) = await SeededAsync(provider, 600, seed: 7);
        await using var disposing = store;
        Assert.Equal(counted.ToString(System.Globalization.CultureInfo.InvariantCulture), await AggregatedAsync(store, tenant, "offered"));

        var day = new QueueReportQuery { TenantId = tenant, From = DayStart.AddHours(1), To = DayStart.AddHours(26), TimeZone = Paris };
        foreach (var query in Queries(day))
        {
            await AssertSameAsRowsAsync(store, query);
        }
        var report = await store.Reports().QueueReportAsync(day, _cancellation);
        Assert.True(report.Total.TransferredIn > 0 && report.Total.Abandoned > 0 && report.Total.ShortAbandoned > 0 && report.Total.Overflowed > 0,
            $"the seeded day lacks a kind of interaction: {report.Total}");
        // The repeated hour is there twice, told apart by its offsets.
        Assert.Equal([TimeSpan.FromHours(1), TimeSpan.FromHours(2)],
            report.Intervals.Where(row => row.Start.Date == new DateTime(2026, 10, 25) && row.Start.Hour == 2).Select(row => row.Start.Offset).Distinct().Order());
    }

    [Theory, BothProviders]
    public async Task Purge_CutOffInsideAQuarterHour_AggregatesStayTheSumsOfTheRowsThatStay(HistoryProvider provider)
    {
        var (store, tenant, _) = await SeededAsync(provider, 400, seed: 11);
        await using var disposing = store;
        var cutOff = DayStart.AddHours(9).AddMinutes(7);
        // Arrived before the cut-off, its second leg connected after it in a later quarter hour: purged with its interaction.
        var straddling = Transferred(tenant, "straddling", "sales", "billing", cutOff.AddMinutes(-3)) is var t
            ? t with { Legs = [t.Legs[0], t.Legs[1] with { ConnectedAt = cutOff.AddMinutes(40) }] }
            : null!;
        await store.WriteAsync(new HistoryBatch([straddling]), _cancellation);

        await store.PurgeAsync(tenant, cutOff, _cancellation);

        var all = new QueueReportQuery { TenantId = tenant, From = DayStart.AddHours(-1), To = DayStart.AddHours(30), TimeZone = Paris };
        await AssertSameAsRowsAsync(store, all);
        await AssertSameAsRowsAsync(store, all with { From = cutOff.AddMinutes(-7), To = cutOff.AddHours(2) });
        Assert.Equal("0", await ScalarAsync(store, $"SELECT CAST(COUNT(*) AS TEXT) FROM {QueueIntervals.Name} WHERE tenant_id = '{tenant}' AND quarter < {QueueBucket.QuarterHour(cutOff)}"));
        // Recorded again after the purge (a grain whose watermark had not moved): back in the rows, back in the aggregates, once.
        await store.WriteAsync(new HistoryBatch([straddling, straddling]), _cancellation);
        await AssertSameAsRowsAsync(store, all);
    }

    [Theory, BothProviders]
    public async Task Migration_FillsTheAggregatesFromTheInteractionsAlreadyStored(HistoryProvider provider)
    {
        var (store, tenant, counted) = await SeededAsync(provider, 300, seed: 3);
        await using var disposing = store;
        // Back to the schema before 0007, with these rows stored: the migration runs again and fills the table.
        await ScalarAsync(store, $"DROP TABLE {QueueIntervals.Name}");
        await ScalarAsync(store, $"DROP TABLE {QueueIntervals.Members}");
        await ScalarAsync(store, $"DELETE FROM {HistoryMigrator.JournalTable} WHERE scriptname LIKE '%0007_queue_intervals.sql'");

        Assert.Equal(["0007_queue_intervals.sql"], await store.MigrateAsync(_cancellation));

        Assert.Equal(counted.ToString(System.Globalization.CultureInfo.InvariantCulture), await AggregatedAsync(store, tenant, "offered"));
        foreach (var query in Queries(new QueueReportQuery { TenantId = tenant, From = DayStart, To = DayStart + DaySpan, TimeZone = Paris }))
        {
            await AssertSameAsRowsAsync(store, query);
        }
    }

    /// <summary>A new store with a seeded day of a new tenant's interactions, and how many of them the aggregates count.</summary>
    private async Task<(IHistoryStore Store, string Tenant, int Counted)> SeededAsync(HistoryProvider provider, int interactions, int seed)
    {
        var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        var (batches, counted) = SeededCentre.Batches(tenant, DayStart, DaySpan, interactions, seed);
        foreach (var batch in batches)
        {
            await store.WriteAsync(batch, _cancellation);
        }
        return (store, tenant, counted);
    }

    /// <summary>Ranges on and off the quarter hours, every interval length, thresholds the aggregates keep and others.</summary>
    private static IEnumerable<QueueReportQuery> Queries(QueueReportQuery day)
    {
        var kept = new Dictionary<string, QueueThresholds> { ["sales"] = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10)), ["vip"] = new(TimeSpan.FromSeconds(60), TimeSpan.Zero) };
        var mixed = new Dictionary<string, QueueThresholds> { ["sales"] = new(TimeSpan.FromSeconds(17), TimeSpan.FromSeconds(5)), ["vip"] = new(TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(4_500)) };
        foreach (var minutes in QueueReportQuery.IntervalMinutes)
        {
            var query = day with { IntervalLength = TimeSpan.FromMinutes(minutes) };
            yield return query;
            yield return query with { From = day.From.AddMinutes(7), To = day.To.AddMinutes(-8).AddTicks(-3) };
            yield return query with { Thresholds = kept };
            yield return query with { Thresholds = mixed };
            yield return query with { Thresholds = kept, DefaultThresholds = new(TimeSpan.FromSeconds(21), TimeSpan.FromSeconds(5)) };
            yield return query with { QueueIds = ["sales", "support"], Thresholds = mixed, From = day.From.AddMinutes(1) };
        }
        yield return day with { From = day.From.AddMinutes(1), To = day.From.AddMinutes(14) };
    }

    private async Task AssertSameAsRowsAsync(IHistoryStore store, QueueReportQuery query)
    {
        var expected = await ((HistoryStore)store).QueueReportFromInteractionsAsync(query, _cancellation);
        var actual = await store.Reports().QueueReportAsync(query, _cancellation);
        Assert.Equal(expected.Total, actual.Total);
        Assert.Equal(expected.Queues, actual.Queues);
        Assert.Equal(expected.Days, actual.Days);
        Assert.Equal(expected.Intervals, actual.Intervals);
    }

    private Task<string> AggregatedAsync(IHistoryStore store, string tenant, string column) =>
        ScalarAsync(store, $"SELECT CAST(COALESCE(SUM({column}), 0) AS TEXT) FROM {QueueIntervals.Name} WHERE tenant_id = '{tenant}'");

    private async Task<string> ScalarAsync(IHistoryStore store, string sql) =>
        (await ((HistoryStore)store).ReadTextAsync(sql, _cancellation)).SingleOrDefault() ?? "";
}
