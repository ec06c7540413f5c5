using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Routing.History;
using Routing.History.Benchmarks;
using Routing.History.Tests.Infrastructure;

// Ingestion into the history store. Usage:
//   dotnet run -c Release --project benchmarks/Routing.History.Benchmarks -- [--interactions N] [--batch N]
//       [--writers N] [--provider sqlite|postgresql|both] [--postgres "<Npgsql connection string>"]
// Without --postgres it starts a PostgreSQL server of its own (default, durable settings) on a free port.
var interactions = Option("--interactions", 100_000);
var batchSize = Option("--batch", 2_000);
var writers = Option("--writers", new HistoryOptions().Writers);
var providers = Argument("--provider", "both") switch
{
    "sqlite" => [HistoryProvider.Sqlite],
    "postgresql" => [HistoryProvider.PostgreSql],
    _ => new[] { HistoryProvider.Sqlite, HistoryProvider.PostgreSql },
};

Console.WriteLine($"history ingestion: {interactions:N0} interactions (1.1 legs each), batches of {batchSize:N0}, {writers} writers on PostgreSQL, {Environment.ProcessorCount} cores");
var folder = Directory.CreateTempSubdirectory("routing-history-bench-").FullName;
PostgresServer? server = null;
try
{
    foreach (var provider in providers)
    {
        string Database(string name) => provider == HistoryProvider.Sqlite ? $"Data Source={Path.Combine(folder, name + ".db")}" : PostgresDatabase(name);
        string PostgresDatabase(string name)
        {
            if (Argument("--postgres", null) is { } given)
            {
                return given;
            }
            server ??= PostgresServer.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
            return server.CreateDatabaseAsync(name, CancellationToken.None).GetAwaiter().GetResult();
        }

        await StoreInteractionsAsync(provider, Database("store"));
        await RecorderAsync(provider, Database("interactions"), "recorder, interactions", tenant => Enumerable.Range(0, interactions).Select(n => SampleFacts.Interaction(tenant, n)));
        await RecorderAsync(provider, Database("bundles"), "recorder, all facts", tenant => Enumerable.Range(0, interactions).SelectMany(n => SampleFacts.Bundle(tenant, n)));
    }
}
finally
{
    if (server is not null)
    {
        await server.DisposeAsync();
    }
    SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}

// Interaction records (with their legs) straight into the store, one transaction per batch.
async Task StoreInteractionsAsync(HistoryProvider provider, string connectionString)
{
    await using var store = await OpenAsync(provider, connectionString);
    var tenant = "acme"; // a fresh database per run; tenant ids are short in practice (they sit in every index)
    var batches = Enumerable.Range(0, (interactions + batchSize - 1) / batchSize)
        .Select(b => new HistoryBatch(Enumerable.Range(b * batchSize, Math.Min(batchSize, interactions - (b * batchSize))).Select(n => SampleFacts.Interaction(tenant, n))))
        .ToList();
    var clock = Stopwatch.StartNew();
    foreach (var batch in batches)
    {
        await store.WriteAsync(batch, CancellationToken.None);
    }
    var elapsed = clock.Elapsed;
    var again = Stopwatch.StartNew();
    foreach (var batch in batches.Take(Math.Max(1, batches.Count / 10)))
    {
        await store.WriteAsync(batch, CancellationToken.None); // the same facts again: upserts that change nothing
    }
    var repeatRate = Math.Min(interactions, batchSize * Math.Max(1, batches.Count / 10)) / again.Elapsed.TotalSeconds;
    var counts = await store.CountAsync(tenant, CancellationToken.None);
    Report(provider, "store, interactions", interactions, elapsed, $"{repeatRate:N0}/s rewriting 10 % again; stored {counts.Interactions:N0} + {counts.Legs:N0} legs");
}

// Facts through the recorder (queue, batches, writers): the path the grains will use.
async Task RecorderAsync(HistoryProvider provider, string connectionString, string what, Func<string, IEnumerable<HistoryFact>> make)
{
    await using var store = await OpenAsync(provider, connectionString);
    var settings = new HistoryOptions { BatchSize = batchSize, QueueCapacity = 10_000_000, Writers = writers };
    await using var recorder = new HistoryRecorder(store, Options.Create(settings), NullLogger<HistoryRecorder>.Instance);
    var tenant = "acme";
    var facts = make(tenant).ToList();
    recorder.Start();
    var clock = Stopwatch.StartNew();
    foreach (var fact in facts)
    {
        recorder.Record(fact);
    }
    var recordTime = clock.Elapsed;
    await recorder.FlushAsync(CancellationToken.None);
    var elapsed = clock.Elapsed;
    var counts = await store.CountAsync(tenant, CancellationToken.None);
    Report(provider, what, facts.Count, elapsed,
        $"{interactions / elapsed.TotalSeconds:N0} interactions/s; Record() {recordTime.TotalMilliseconds * 1_000_000 / facts.Count:N0} ns a fact; stored {counts}");
}

static async Task<IHistoryStore> OpenAsync(HistoryProvider provider, string connectionString)
{
    var store = HistoryStoreFactory.Create(new HistoryOptions { Provider = provider.ToString(), ConnectionString = connectionString }, NullLoggerFactory.Instance);
    await store.MigrateAsync(CancellationToken.None);
    return store;
}

static void Report(HistoryProvider provider, string what, int count, TimeSpan elapsed, string more) =>
    Console.WriteLine($"{provider,-10} {what,-20} {count,10:N0} in {elapsed.TotalSeconds,6:0.00} s = {count / elapsed.TotalSeconds,9:N0}/s   ({more})");

int Option(string name, int fallback) => Argument(name, null) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? Argument(string name, string? fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}
