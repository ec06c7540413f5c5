using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Routing.History.Tests.Infrastructure;

internal static class Recorders
{
    /// <summary>A started recorder with short retry delays.</summary>
    public static HistoryRecorder Start(IHistoryStore store, int capacity = 100_000, int batchSize = 500, int writers = 2)
    {
        var recorder = new HistoryRecorder(store, Options.Create(new HistoryOptions
        {
            QueueCapacity = capacity,
            BatchSize = batchSize,
            Writers = writers,
            RetryDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryDelay = TimeSpan.FromMilliseconds(500),
        }), NullLogger<HistoryRecorder>.Instance);
        recorder.Start();
        return recorder;
    }

    /// <summary>Records every fact, failing the test if one is refused.</summary>
    public static void RecordAll(this IHistoryRecorder recorder, IEnumerable<HistoryFact> facts)
    {
        foreach (var fact in facts)
        {
            Assert.True(recorder.Record(fact), $"refused: {fact}");
        }
    }

    /// <summary>Flushes, failing the test after <paramref name="seconds"/>.</summary>
    public static async Task FlushWithinAsync(this IHistoryRecorder recorder, int seconds = 60)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
        await recorder.FlushAsync(deadline.Token);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, failing the test after <paramref name="seconds"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
