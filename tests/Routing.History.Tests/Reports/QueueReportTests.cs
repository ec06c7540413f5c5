using Routing.Core;
using Routing.History.Reports;
using Routing.History.Tests.Infrastructure;
using static Routing.History.Tests.Reports.ReportFacts;

namespace Routing.History.Tests.Reports;

/// <summary>The queue interval report on both providers: counts, rates, interval and day boundaries in the tenant's zone.</summary>
public sealed class QueueReportTests(HistoryDatabases databases)
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(1));
    private readonly CancellationToken _cancellation = TestContext.Current.CancellationToken;

    [Theory, BothProviders]
    public async Task Counts_ShortAbandonsApart_ServiceLevelAsaAhtAndLongestWait(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        await store.WriteAsync(new HistoryBatch(
        [
            Answered(tenant, "fast", "sales", Morning, TimeSpan.FromSeconds(10), talk: TimeSpan.FromSeconds(100), wrapUp: TimeSpan.FromSeconds(20)),
            Answered(tenant, "slow", "sales", Morning.AddMinutes(1), TimeSpan.FromSeconds(30), talk: TimeSpan.FromSeconds(200), wrapUp: TimeSpan.FromSeconds(40)),
            Answered(tenant, "at-threshold", "sales", Morning.AddMinutes(2), TimeSpan.FromSeconds(20), talk: TimeSpan.FromSeconds(60), wrapUp: TimeSpan.Zero),
            Unanswered(tenant, "short", "sales", Morning.AddMinutes(3), TimeSpan.FromSeconds(3)),
            Unanswered(tenant, "long", "sales", Morning.AddMinutes(4), TimeSpan.FromSeconds(95)),
            Unanswered(tenant, "over", "sales", Morning.AddMinutes(5), TimeSpan.FromSeconds(60), InteractionStatus.Overflowed),
            Unanswered(tenant, "refused", "sales", Morning.AddMinutes(6), TimeSpan.Zero, InteractionStatus.Rejected),
            Unanswered(tenant, "other-queue", "billing", Morning.AddMinutes(7), TimeSpan.FromSeconds(50)),
            Answered(Facts.NewTenant(), "other-tenant", "sales", Morning, TimeSpan.FromSeconds(1)),
        ]), _cancellation);

        var report = await store.Reports().QueueReportAsync(Query(tenant, Morning, Morning.AddHours(1)) with { QueueIds = ["sales"] }, _cancellation);

        var sales = Assert.Single(report.Queues);
        Assert.Equal("sales", sales.QueueId);
        var figures = sales.Figures;
        Assert.Equal((6, 3, 2, 1, 1, 1), (figures.Offered, figures.Answered, figures.AnsweredWithinThreshold, figures.Abandoned, figures.ShortAbandoned, figures.Overflowed));
        Assert.Equal(2 / 5.0, figures.ServiceLevel);
        Assert.Equal(TimeSpan.FromSeconds(20), figures.AverageSpeedOfAnswer);
        Assert.Equal(TimeSpan.FromSeconds(140), figures.AverageHandleTime);
        Assert.Equal(TimeSpan.FromSeconds(95), figures.LongestWait);
        Assert.Equal(figures, report.Total);
        Assert.Equal(figures, Assert.Single(report.Intervals).Figures);
    }

    [Theory, BothProviders]
    public async Task Thresholds_PerQueue_AndAnEmptyRangeHasNoRows(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        await store.WriteAsync(new HistoryBatch(
        [
            Answered(tenant, "s", "sales", Morning, TimeSpan.FromSeconds(30)),
            Answered(tenant, "b", "billing", Morning, TimeSpan.FromSeconds(30)),
            Unanswered(tenant, "b-abandon", "billing", Morning, TimeSpan.FromSeconds(8)),
        ]), _cancellation);
        var query = Query(tenant, Morning, Morning.AddHours(1)) with
        {
            Thresholds = new Dictionary<string, QueueThresholds> { ["billing"] = new(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10)) },
        };

        var report = await store.Reports().QueueReportAsync(query, _cancellation);

        Assert.Equal(["billing", "sales"], report.Queues.Select(q => q.QueueId));
        Assert.Equal((1, 0, 1, 1.0), (report.Queues[0].Figures.AnsweredWithinThreshold, report.Queues[0].Figures.Abandoned, report.Queues[0].Figures.ShortAbandoned, report.Queues[0].Figures.ServiceLevel!.Value));
        Assert.Equal(0, report.Queues[1].Figures.AnsweredWithinThreshold);
        var empty = await store.Reports().QueueReportAsync(Query(tenant, Morning.AddHours(1), Morning.AddHours(2)), _cancellation);
        Assert.Empty(empty.Intervals);
        Assert.Null(empty.Total.ServiceLevel);
    }

    [Theory, BothProviders]
    public async Task IntervalBoundaries_StartIsInTheNewInterval_EndOfRangeExcluded(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        await store.WriteAsync(new HistoryBatch(
        [
            Answered(tenant, "before", "sales", Morning.AddTicks(-10), TimeSpan.FromSeconds(1)),
            Answered(tenant, "on", "sales", Morning, TimeSpan.FromSeconds(1)),
            Answered(tenant, "last", "sales", Morning.AddMinutes(15).AddTicks(-10), TimeSpan.FromSeconds(1)),
            Answered(tenant, "next", "sales", Morning.AddMinutes(15), TimeSpan.FromSeconds(1)),
            Answered(tenant, "at-end", "sales", Morning.AddMinutes(30), TimeSpan.FromSeconds(1)),
        ]), _cancellation);

        var report = await store.Reports().QueueReportAsync(Query(tenant, Morning.AddMinutes(-15), Morning.AddMinutes(30)) with { TimeZone = Paris }, _cancellation);

        Assert.Equal(
            [(Morning.AddMinutes(-15), 1L), (Morning, 2L), (Morning.AddMinutes(15), 1L)],
            report.Intervals.Select(row => (row.Start, row.Figures.Offered)));
        Assert.All(report.Intervals, row => Assert.Equal(TimeSpan.FromHours(1), row.Start.Offset));
    }

    [Theory, BothProviders]
    public async Task RangeInsideQuarterHours_OnlyArrivalsWithinTheInstantsCount(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        await store.WriteAsync(new HistoryBatch(
        [
            Answered(tenant, "too-early", "sales", Morning.AddMinutes(4), TimeSpan.FromSeconds(1)),
            Answered(tenant, "first", "sales", Morning.AddMinutes(5), TimeSpan.FromSeconds(1)),
            Answered(tenant, "middle", "sales", Morning.AddMinutes(20), TimeSpan.FromSeconds(1)),
            Answered(tenant, "last", "sales", Morning.AddMinutes(39), TimeSpan.FromSeconds(1)),
            Answered(tenant, "at-end", "sales", Morning.AddMinutes(40), TimeSpan.FromSeconds(1)),
        ]), _cancellation);

        // The store narrows the index read to the quarter hours the range touches, then keeps the exact instants.
        var report = await store.Reports().QueueReportAsync(Query(tenant, Morning.AddMinutes(5), Morning.AddMinutes(40)), _cancellation);

        Assert.Equal(
            [(Morning, 1L), (Morning.AddMinutes(15), 1L), (Morning.AddMinutes(30), 1L)],
            report.Intervals.Select(row => (row.Start, row.Figures.Offered)));
    }

    [Theory, BothProviders]
    public async Task DaylightSavingEnds_RepeatedHourTwiceByOffset_DayOf25Hours(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        // Paris, 25 October 2026: 03:00 summer time is 02:00 winter time again (01:00 UTC).
        var dayStart = new DateTimeOffset(2026, 10, 24, 22, 0, 0, TimeSpan.Zero);
        await store.WriteAsync(new HistoryBatch(
        [
            Answered(tenant, "first", "sales", dayStart.AddMinutes(10), TimeSpan.FromSeconds(1)),
            Answered(tenant, "summer-2am", "sales", new DateTimeOffset(2026, 10, 25, 0, 10, 0, TimeSpan.Zero), TimeSpan.FromSeconds(1)),
            Answered(tenant, "winter-2am", "sales", new DateTimeOffset(2026, 10, 25, 1, 10, 0, TimeSpan.Zero), TimeSpan.FromSeconds(1)),
            Answered(tenant, "last", "sales", new DateTimeOffset(2026, 10, 25, 22, 59, 0, TimeSpan.Zero), TimeSpan.FromSeconds(1)),
            Answered(tenant, "next-day", "sales", new DateTimeOffset(2026, 10, 25, 23, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(1)),
        ]), _cancellation);

        var report = await store.Reports().QueueReportAsync(Query(tenant, dayStart, dayStart.AddDays(2)) with { TimeZone = Paris, IntervalLength = TimeSpan.FromHours(1) }, _cancellation);

        Assert.Equal(
            [
                DateTimeOffset.Parse("2026-10-25T00:00+02:00"), DateTimeOffset.Parse("2026-10-25T02:00+02:00"), DateTimeOffset.Parse("2026-10-25T02:00+01:00"),
                DateTimeOffset.Parse("2026-10-25T23:00+01:00"), DateTimeOffset.Parse("2026-10-26T00:00+01:00"),
            ],
            report.Intervals.Select(row => row.Start));
        Assert.Equal([(new DateOnly(2026, 10, 25), 4L), (new DateOnly(2026, 10, 26), 1L)], report.Days.Select(day => (day.Date, day.Figures.Offered)));
    }

    [Theory, BothProviders]
    public async Task DaylightSavingStarts_SkippedHourHasNoInterval_HalfHoursStayHalfHours(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        // Paris, 29 March 2026: at 02:00 winter time (01:00 UTC) the clocks jump to 03:00.
        await store.WriteAsync(new HistoryBatch(
        [
            Answered(tenant, "before", "sales", new DateTimeOffset(2026, 3, 29, 0, 45, 0, TimeSpan.Zero), TimeSpan.FromSeconds(1)),
            Answered(tenant, "after", "sales", new DateTimeOffset(2026, 3, 29, 1, 5, 0, TimeSpan.Zero), TimeSpan.FromSeconds(1)),
        ]), _cancellation);

        var report = await store.Reports().QueueReportAsync(
            Query(tenant, new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 29, 22, 0, 0, TimeSpan.Zero)) with { TimeZone = Paris, IntervalLength = TimeSpan.FromMinutes(30) },
            _cancellation);

        Assert.Equal([DateTimeOffset.Parse("2026-03-29T01:30+01:00"), DateTimeOffset.Parse("2026-03-29T03:00+02:00")], report.Intervals.Select(row => row.Start));
        Assert.Equal(2, Assert.Single(report.Days).Figures.Offered);
    }

    [Theory, BothProviders]
    public async Task Transfer_CountsOutOfTheFirstQueueAndIntoTheSecond(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        await store.WriteAsync(new HistoryBatch([Transferred(tenant, "t", "sales", "billing", Morning)]), _cancellation);

        var report = await store.Reports().QueueReportAsync(Query(tenant, Morning, Morning.AddHours(1)), _cancellation);

        Assert.Equal(
            [("billing", 1L, 1L, 0L), ("sales", 0L, 0L, 1L)],
            report.Queues.Select(q => (q.QueueId, q.Figures.Offered, q.Figures.TransferredIn, q.Figures.TransferredOut)));
        Assert.Equal((1, 1), (report.Total.TransferredIn, report.Total.TransferredOut));
    }

    private static QueueReportQuery Query(string tenant, DateTimeOffset from, DateTimeOffset to) => new() { TenantId = tenant, From = from, To = to };
}
