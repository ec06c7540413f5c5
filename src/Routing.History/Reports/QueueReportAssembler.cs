namespace Routing.History.Reports;

/// <summary>
/// Puts a report together from quarter-hour buckets in the tenant's zone. Each bucket falls in the local interval and
/// local date its start has there, with the offset then in force, so a day is 23 or 25 hours long when the clocks
/// change: the skipped hour has no intervals and the repeated hour has two sets, told apart by their offsets.
/// </summary>
internal static class QueueReportAssembler
{
    public static QueueReport Assemble(IEnumerable<QueueBucket> buckets, TimeSpan intervalLength, TimeZoneInfo zone)
    {
        var intervals = new SortedDictionary<(string, DateTimeOffset), QueueFigures>(IntervalOrder.Instance);
        var days = new SortedDictionary<(string, DateOnly), QueueFigures>();
        var queues = new SortedDictionary<string, QueueFigures>(StringComparer.Ordinal);
        var total = QueueFigures.Zero;
        foreach (var bucket in buckets)
        {
            var local = TimeZoneInfo.ConvertTime(bucket.Start, zone);
            var clock = TimeSpan.FromTicks(local.TimeOfDay.Ticks / intervalLength.Ticks * intervalLength.Ticks);
            var start = new DateTimeOffset(local.Date + clock, local.Offset);
            Add(intervals, (bucket.QueueId, start), bucket.Figures);
            Add(days, (bucket.QueueId, DateOnly.FromDateTime(local.Date)), bucket.Figures);
            Add(queues, bucket.QueueId, bucket.Figures);
            total = total.Add(bucket.Figures);
        }
        return new QueueReport
        {
            Intervals = [.. intervals.Select(pair => new QueueIntervalRow(pair.Key.Item1, pair.Key.Item2, intervalLength, pair.Value))],
            Days = [.. days.Select(pair => new QueueDayRow(pair.Key.Item1, pair.Key.Item2, pair.Value))],
            Queues = [.. queues.Select(pair => new QueueTotalRow(pair.Key, pair.Value))],
            Total = total,
        };
    }

    private static void Add<TKey>(SortedDictionary<TKey, QueueFigures> sums, TKey key, QueueFigures figures) where TKey : notnull =>
        sums[key] = sums.TryGetValue(key, out var sum) ? sum.Add(figures) : figures;

    /// <summary>By queue (ordinal), then by instant (the repeated hour's intervals in the order they happened).</summary>
    private sealed class IntervalOrder : IComparer<(string Queue, DateTimeOffset Start)>
    {
        public static readonly IntervalOrder Instance = new();

        public int Compare((string Queue, DateTimeOffset Start) x, (string Queue, DateTimeOffset Start) y)
        {
            var byQueue = string.CompareOrdinal(x.Queue, y.Queue);
            return byQueue != 0 ? byQueue : x.Start.UtcTicks.CompareTo(y.Start.UtcTicks);
        }
    }
}
