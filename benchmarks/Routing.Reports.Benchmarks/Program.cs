using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Routing.History;
using Routing.History.Reports;
using Routing.Reports.Benchmarks;

// Report queries over a month of interactions in SQLite. Usage:
//   dotnet run -c Release --project benchmarks/Routing.Reports.Benchmarks -- [--interactions N] [--db path] [--runs N]
// The file is seeded once (through the store's batch path) and kept, so later runs measure only the queries.
var interactions = Option("--interactions", 1_000_000);
var runs = Option("--runs", 5);
var file = Argument("--db", null) ?? Path.Combine(Path.GetTempPath(), $"routing-reports-bench-{interactions}.db");
const string Tenant = "acme";

await using var store = HistoryStoreFactory.Create(new HistoryOptions { ConnectionString = $"Data Source={file}" }, NullLoggerFactory.Instance);
var migrating = Stopwatch.StartNew();
var migrated = await store.MigrateAsync(CancellationToken.None);
Console.WriteLine($"reports over {interactions:N0} interactions in {file} ({Environment.ProcessorCount} cores)" +
    (migrated.Count > 0 ? $"; migrated {string.Join(", ", migrated)} in {migrating.Elapsed.TotalSeconds:0.0} s" : ""));
var stored = (await store.CountAsync(Tenant, CancellationToken.None)).Interactions;
if (stored < interactions)
{
    var clock = Stopwatch.StartNew();
    const int BatchSize = 5_000;
    for (var first = (int)stored; first < interactions; first += BatchSize)
    {
        var count = Math.Min(BatchSize, interactions - first);
        await store.WriteAsync(new HistoryBatch(Enumerable.Range(first, count).Select(n => MonthOfInteractions.Interaction(Tenant, n, interactions))), CancellationToken.None);
    }
    Console.WriteLine($"seeded {interactions - stored:N0} interactions in {clock.Elapsed.TotalSeconds:0.0} s");
}

var reports = (IHistoryReports)store;
var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
var month = new QueueReportQuery { TenantId = Tenant, From = MonthOfInteractions.Start, To = MonthOfInteractions.Start.AddDays(MonthOfInteractions.Days), TimeZone = paris };
var day = month with { From = MonthOfInteractions.Start.AddDays(14), To = MonthOfInteractions.Start.AddDays(15) };
var search = new InteractionSearch { TenantId = Tenant, From = month.From, To = month.To };

await Measure("queue report, month, 15 min, all queues", async () => (await reports.QueueReportAsync(month, CancellationToken.None)).Total.Offered);
await Measure("queue report, month, 60 min, one queue", async () => (await reports.QueueReportAsync(month with { IntervalLength = TimeSpan.FromHours(1), QueueIds = ["queue-3"] }, CancellationToken.None)).Total.Offered);
await Measure("queue report, one day, 15 min", async () => (await reports.QueueReportAsync(day, CancellationToken.None)).Total.Offered);
await Measure("search, month, first page of 50", async () => (await reports.SearchAsync(search, CancellationToken.None)).Interactions.Count);
await Measure("search, month, by agent", async () => (await reports.SearchAsync(search with { AgentId = "agent-42" }, CancellationToken.None)).Interactions.Count);
await Measure("search, month, by customer", async () => (await reports.SearchAsync(search with { CustomerId = "customer-42" }, CancellationToken.None)).Interactions.Count);
await Measure("search, month, by disposition", async () => (await reports.SearchAsync(search with { DispositionCode = "code-5" }, CancellationToken.None)).Interactions.Count);
await Measure("search, month, abandoned in one queue", async () => (await reports.SearchAsync(search with { QueueId = "queue-0", State = Routing.Core.InteractionStatus.Abandoned }, CancellationToken.None)).Interactions.Count);

async Task Measure(string what, Func<Task<long>> query)
{
    var times = new List<double>();
    long result = 0;
    for (var run = 0; run < runs; run++)
    {
        var clock = Stopwatch.StartNew();
        result = await query();
        times.Add(clock.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    Console.WriteLine($"{what,-42} median {times[times.Count / 2],8:N1} ms   best {times[0],8:N1} ms, worst {times[^1],8:N1} ms   ({result:N0})");
}

int Option(string name, int fallback) => Argument(name, null) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? Argument(string name, string? fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}
