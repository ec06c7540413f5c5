using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Routing.History;

/// <summary>
/// The history path off the routing path. <see cref="Record(HistoryFact)"/> puts a fact in a bounded in-memory queue and returns
/// at once. In the background the schema is migrated, then <see cref="HistoryOptions.Writers"/> writers (one on
/// SQLite) each take up to <see cref="HistoryOptions.BatchSize"/> facts at a time and write them in one transaction,
/// retrying a failed batch with exponential backoff (and jitter) until it is written, so a database outage delays
/// history but loses none of what was queued. Facts may be written out of order (a retried batch, two writers):
/// every write is idempotent and an interaction keeps its highest version, so the order does not matter.
/// <para>Known limits: when the queue is full (<see cref="HistoryOptions.QueueCapacity"/> facts), new facts are
/// dropped and counted, and <see cref="Record(HistoryFact)"/> returns false: the caller's own state is where the fact survives
/// until it can be recorded again. Facts still queued when the process dies, or when the host's shutdown time runs
/// out, are lost (counted as abandoned when the host stops). A batch the database refuses outright (a constraint, a
/// value it cannot hold) is split in halves until the refused fact is alone; that fact is logged and left out
/// (counted as rejected) instead of blocking every fact behind it.</para>
/// </summary>
public sealed class HistoryRecorder : IHistoryRecorder, IHostedService, IAsyncDisposable
{
    /// <summary>The meter whose instruments mirror <see cref="Counters"/> (routing.history.*).</summary>
    public const string MeterName = "Routing.History";

    private const int DropLogInterval = 10_000;

    private static readonly ResiliencePropertyKey<int> BatchFacts = new("routing.history.batch-facts");
    private static readonly ResiliencePropertyKey<int> BatchFailures = new("routing.history.batch-failures");

    private readonly IHistoryStore _store;
    private readonly PersonalData.IHistoryFactProtector? _protector;
    private readonly ILogger _logger;
    private readonly Channel<QueuedFacts> _queue;
    private readonly int _capacity;
    private readonly int _batchSize;
    private readonly int _writers;
    private readonly TimeSpan _batchDelay;
    private readonly ResiliencePipeline _migrationRetry;
    private readonly ResiliencePipeline _batchRetry;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Meter _meter;
    private readonly Histogram<double> _writeDuration;
    private readonly KeyValuePair<string, object?> _providerTag;
    private TaskCompletionSource _progress = NewSignal();
    private Task? _writer;
    private long _recorded;
    private long _written;
    private long _dropped;
    private long _failedBatches;
    private long _abandoned;
    private long _rejected;
    private int _busy;
    private int _disposed;
    /// <summary>Facts accepted and not yet taken by a writer: what <see cref="HistoryOptions.QueueCapacity"/> bounds.</summary>
    private long _queued;

    /// <summary>The recorder of <paramref name="store"/>. A <paramref name="protector"/> (AddRoutingHistory registers one)
    /// applies the tenants' personal data policies to every batch before it is written; without one facts are written as recorded.</summary>
    public HistoryRecorder(IHistoryStore store, IOptions<HistoryOptions> options, ILogger<HistoryRecorder> logger, PersonalData.IHistoryFactProtector? protector = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _store = store;
        _protector = protector;
        _logger = logger;
        _capacity = settings.QueueCapacity;
        _batchSize = settings.BatchSize;
        _batchDelay = settings.BatchDelay;
        _writers = store.Provider == HistoryProvider.Sqlite ? 1 : settings.Writers;
        // Bounded by the facts it holds (_queued), not by its entries: a group is one entry of several facts.
        _queue = Channel.CreateUnbounded<QueuedFacts>(new UnboundedChannelOptions { SingleReader = _writers == 1 });
        _migrationRetry = Retry(settings, _ => true, arguments =>
            HistoryLog.MigrationFailed(_logger, _store.Provider, arguments.AttemptNumber + 1, arguments.RetryDelay, arguments.Outcome.Exception));
        _batchRetry = Retry(settings, exception => !store.IsRejection(exception), arguments =>
        {
            Interlocked.Increment(ref _failedBatches);
            var properties = arguments.Context.Properties;
            properties.Set(BatchFailures, properties.GetValue(BatchFailures, 0) + 1);
            HistoryLog.BatchFailed(_logger, properties.GetValue(BatchFacts, 0), arguments.AttemptNumber + 1, arguments.RetryDelay, Counters.Pending, arguments.Outcome.Exception);
        });
        _meter = new Meter(MeterName);
        _meter.CreateObservableCounter("routing.history.recorded", () => Interlocked.Read(ref _recorded), "{fact}", "Facts accepted for the history store");
        _meter.CreateObservableCounter("routing.history.written", () => Interlocked.Read(ref _written), "{fact}", "Facts written to the history store");
        _meter.CreateObservableCounter("routing.history.dropped", () => Interlocked.Read(ref _dropped), "{fact}", "Facts refused because the history queue was full or stopped");
        _meter.CreateObservableCounter("routing.history.failed_batches", () => Interlocked.Read(ref _failedBatches), "{batch}", "History batch writes that failed and were retried");
        _meter.CreateObservableGauge("routing.history.pending", () => Counters.Pending, "{fact}", "Facts waiting to be written to the history store");
        _writeDuration = _meter.CreateHistogram("routing.history.write.duration", "s", "Duration of each attempt to write a batch of facts to the history store",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _providerTag = new("routing.history.provider", store.Provider == HistoryProvider.Sqlite ? "sqlite" : "postgresql");
    }

    public HistoryRecorderCounters Counters
    {
        get
        {
            var recorded = Interlocked.Read(ref _recorded);
            var written = Interlocked.Read(ref _written);
            var abandoned = Interlocked.Read(ref _abandoned);
            var rejected = Interlocked.Read(ref _rejected);
            return new(recorded, written, Math.Max(0, recorded - written - abandoned - rejected), Interlocked.Read(ref _dropped),
                Interlocked.Read(ref _failedBatches), abandoned, rejected);
        }
    }

    public bool Record(HistoryFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return Enqueue(new QueuedFacts(fact, null, null), fact);
    }

    public bool Record(IReadOnlyList<HistoryFact> facts, IHistoryReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(receipt);
        if (facts.Count == 0)
        {
            receipt.Written();
            return true;
        }
        return Enqueue(new QueuedFacts(null, facts, receipt), facts[0]);
    }

    /// <summary>Takes room for the entry's facts (refusing what does not fit) and queues it; never waits.</summary>
    private bool Enqueue(QueuedFacts entry, HistoryFact first)
    {
        var count = entry.Count;
        if (Interlocked.Add(ref _queued, count) <= _capacity)
        {
            if (_queue.Writer.TryWrite(entry))
            {
                Interlocked.Add(ref _recorded, count);
                return true;
            }
        }
        Interlocked.Add(ref _queued, -count);
        var dropped = Interlocked.Add(ref _dropped, count);
        if (dropped - count < 1 || dropped / DropLogInterval != (dropped - count) / DropLogInterval)
        {
            HistoryLog.Dropped(_logger, _capacity, first.GetType().Name, dropped);
        }
        return false;
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            // Take the signal before looking, so a batch that ends in between still wakes us.
            var progress = Volatile.Read(ref _progress);
            if (Interlocked.Read(ref _queued) == 0 && Volatile.Read(ref _busy) == 0)
            {
                return;
            }
            await progress.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Starts the background writer (once); the hosted service does this at start-up.</summary>
    public void Start()
    {
        if (_writer is null)
        {
            var writer = new Task<Task>(() => RunAsync(_stopping.Token));
            if (Interlocked.CompareExchange(ref _writer, writer.Unwrap(), null) is null)
            {
                writer.Start(TaskScheduler.Default);
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Start();
        return Task.CompletedTask;
    }

    /// <summary>Refuses new facts and writes what is queued; when <paramref name="cancellationToken"/> fires first,
    /// stops the writer and counts what is left as abandoned.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_writer is null || _writer.IsCompleted)
        {
            return;
        }
        try
        {
            await _writer.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
            await _writer.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            var left = Counters.Pending;
            if (left > 0)
            {
                Interlocked.Add(ref _abandoned, left);
                HistoryLog.Abandoned(_logger, left);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Once: the container disposes it under each registration that resolves it (the recorder, IHistoryRecorder).
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        using var expired = new CancellationTokenSource(TimeSpan.Zero);
        await StopAsync(expired.Token);
        _stopping.Dispose();
        _meter.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        await _migrationRetry.ExecuteAsync(async token =>
        {
            var scripts = await _store.MigrateAsync(token);
            HistoryLog.Migrated(_logger, _store.Provider, scripts.Count == 0 ? "none" : string.Join(", ", scripts));
        }, stopping);
        await Task.WhenAll(Enumerable.Range(0, _writers).Select(_ => WriteBatchesAsync(stopping)));
    }

    private async Task WriteBatchesAsync(CancellationToken stopping)
    {
        var facts = new List<HistoryFact>(_batchSize);
        var receipts = new List<IHistoryReceipt>();
        while (await _queue.Reader.WaitToReadAsync(stopping))
        {
            if (_batchDelay > TimeSpan.Zero && Interlocked.Read(ref _queued) < _batchSize)
            {
                // Let a batch gather; facts still queued count for a flush, which so waits for them.
                await Task.Delay(_batchDelay, stopping);
            }
            // Busy before taking facts: a flush that finds the queue empty then waits for this batch.
            Interlocked.Increment(ref _busy);
            // A group is never split: it goes into one transaction, which may then hold a little more than BatchSize.
            while (facts.Count < _batchSize && _queue.Reader.TryRead(out var entry))
            {
                if (entry.Fact is { } fact)
                {
                    facts.Add(fact);
                }
                else
                {
                    facts.AddRange(entry.Group!);
                    receipts.Add(entry.Receipt!);
                }
                Interlocked.Add(ref _queued, -entry.Count);
            }
            if (facts.Count > 0)
            {
                await WriteAsync(facts, stopping);
                facts.Clear();
                Confirm(receipts);
            }
            Interlocked.Decrement(ref _busy);
            Interlocked.Exchange(ref _progress, NewSignal()).TrySetResult();
        }
    }

    /// <summary>Writes the facts in one transaction, retrying until written; if the database refuses them, writes
    /// each half on its own, down to the refused fact, which is left out.</summary>
    private async Task WriteAsync(IReadOnlyList<HistoryFact> facts, CancellationToken stopping)
    {
        var context = ResilienceContextPool.Shared.Get(stopping);
        context.Properties.Set(BatchFacts, facts.Count);
        try
        {
            var started = Stopwatch.GetTimestamp();
            await _batchRetry.ExecuteAsync(
                static async (context, state) => await state.Recorder.TimedWriteAsync(
                    new HistoryBatch(state.Protector is null ? state.Facts : await state.Protector.ProtectAsync(state.Facts, context.CancellationToken)),
                    context.CancellationToken),
                context, (Recorder: this, Protector: _protector, Facts: facts));
            Interlocked.Add(ref _written, facts.Count);
            HistoryLog.BatchWritten(_logger, facts.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (context.Properties.GetValue(BatchFailures, 0) is var failures and > 0)
            {
                HistoryLog.Resumed(_logger, failures);
            }
        }
        catch (Exception exception) when (_store.IsRejection(exception))
        {
            if (facts.Count == 1)
            {
                Interlocked.Increment(ref _rejected);
                HistoryLog.Rejected(_logger, HistoryLog.Key(facts[0]), exception);
                return;
            }
            var half = facts.Count / 2;
            await WriteAsync(facts.Take(half).ToList(), stopping);
            await WriteAsync(facts.Skip(half).ToList(), stopping);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>One attempt to write a batch, timed for <c>routing.history.write.duration</c> (with <c>error.type</c> when it failed).</summary>
    private async Task TimedWriteAsync(HistoryBatch batch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _store.WriteAsync(batch, cancellationToken);
            _writeDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, _providerTag);
        }
        catch (Exception exception)
        {
            _writeDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, _providerTag, new("error.type", exception.GetType().FullName));
            throw;
        }
    }

    private void Confirm(List<IHistoryReceipt> receipts)
    {
        foreach (var receipt in receipts)
        {
            try
            {
                receipt.Written();
            }
            catch (Exception exception)
            {
                HistoryLog.ReceiptFailed(_logger, exception);
            }
        }
        receipts.Clear();
    }

    private static ResiliencePipeline Retry(HistoryOptions settings, Func<Exception, bool> retryable, Action<OnRetryArguments<object>> onRetry) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                // Until written: an outage delays history, it does not lose it. Only stopping ends the tries.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(exception => exception is not OperationCanceledException && retryable(exception)),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryDelay,
                MaxDelay = settings.MaxRetryDelay,
                OnRetry = arguments =>
                {
                    onRetry(arguments);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>One entry of the queue: a single fact, or a group written in one batch with its receipt.</summary>
    private readonly record struct QueuedFacts(HistoryFact? Fact, IReadOnlyList<HistoryFact>? Group, IHistoryReceipt? Receipt)
    {
        public int Count => Fact is null ? Group!.Count : 1;
    }
}
