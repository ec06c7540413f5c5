using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Routing.Grains.Tests.Validation;

/// <summary>The background-write window: routine changes are folded into one write, awaited writes are not
/// delayed, and a flush (deactivation) writes what the window still held; with memory state every write waits
/// for that flush. A change stays unwritten until a write of it succeeds, and a repeated command's StoredAsync
/// writes a change that a failed call kept from its own write.</summary>
public sealed class StateWriterTests
{
    [Fact]
    public async Task Schedule_SeveralChangesInTheWindow_OneWriteOfTheLatestState()
    {
        var state = new RecordingState();
        var writer = new StateWriter<Counter>(state, NullLogger.Instance, "test", coalesce: TimeSpan.FromMilliseconds(50));

        for (var i = 1; i <= 3; i++)
        {
            state.State.Value = i;
            writer.Schedule();
        }

        Assert.Empty(state.Written);
        Assert.Equal(3, await state.NextWrite.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Equal([3], state.Written);
    }

    [Fact]
    public async Task WriteAsync_WhileAWriteIsScheduled_WritesAtOnce()
    {
        var state = new RecordingState();
        var writer = new StateWriter<Counter>(state, NullLogger.Instance, "test", coalesce: TimeSpan.FromSeconds(5));
        state.State.Value = 1;
        writer.Schedule();

        state.State.Value = 2;
        await writer.WriteAsync().WaitAsync(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        Assert.Equal([2], state.Written);
    }

    [Fact]
    public async Task FlushAsync_ChangeStillInTheWindow_Written()
    {
        var state = new RecordingState();
        var writer = new StateWriter<Counter>(state, NullLogger.Instance, "test", coalesce: TimeSpan.FromSeconds(5));
        state.State.Value = 7;
        writer.Schedule();

        await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        Assert.Equal([7], state.Written);
    }

    [Fact]
    public async Task FlushAsync_NothingChanged_NoWrite()
    {
        var state = new RecordingState();
        var writer = new StateWriter<Counter>(state, NullLogger.Instance, "test", coalesce: TimeSpan.FromMilliseconds(50));

        await writer.FlushAsync();

        Assert.Empty(state.Written);
    }

    [Fact]
    public async Task DeferredToDeactivation_WritesAndSchedules_NothingStoredUntilTheFlush()
    {
        var state = new RecordingState();
        var writer = new StateWriter<Counter>(state, NullLogger.Instance, "test", coalesce: TimeSpan.FromMilliseconds(1), deferToDeactivation: true);
        state.State.Value = 1;
        writer.Schedule();
        state.State.Value = 2;
        await writer.WriteAsync().WaitAsync(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        state.State.Value = 3;
        writer.Schedule();

        Assert.Empty(state.Written);
        await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.Equal([3], state.Written);
        await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.Equal([3], state.Written);
    }

    [Fact]
    public async Task WriteAsync_TheStoreFails_TheChangeStaysUnwrittenAndTheNextFlushWritesIt()
    {
        var state = new RecordingState { FailWrites = 1 };
        var writer = new StateWriter<Counter>(state, NullLogger.Instance, "test");
        state.State.Value = 4;

        await Assert.ThrowsAsync<IOException>(writer.WriteAsync);
        Assert.Empty(state.Written);

        await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.Equal([4], state.Written);
    }

    [Fact]
    public async Task StoredAsync_AChangeMarkedButNeverWritten_IsWrittenBeforeItCompletes()
    {
        // A command applied its change, then a call it made before its write failed; its repeat answers "done"
        // only once the change is stored.
        var state = new RecordingState();
        var writer = new StateWriter<Counter>(state, NullLogger.Instance, "test");
        state.State.Value = 5;
        writer.MarkChanged();

        await writer.StoredAsync().WaitAsync(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        Assert.Equal([5], state.Written);
        await writer.StoredAsync();
        Assert.Equal([5], state.Written);
    }

    [Fact]
    public async Task StoredAsync_DeferredToDeactivation_WritesNothing()
    {
        var state = new RecordingState();
        var writer = new StateWriter<Counter>(state, NullLogger.Instance, "test", deferToDeactivation: true);
        state.State.Value = 6;
        writer.MarkChanged();

        await writer.StoredAsync();

        Assert.Empty(state.Written);
        await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.Equal([6], state.Written);
    }

    public sealed class Counter
    {
        public int Value { get; set; }
    }

    /// <summary>Grain state that records the value each write stored.</summary>
    private sealed class RecordingState : IPersistentState<Counter>
    {
        private readonly TaskCompletionSource<int> _firstWrite = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<int> Written { get; } = [];

        public Task<int> NextWrite => _firstWrite.Task;

        public Counter State { get; set; } = new();

        public string? Etag => null;

        public bool RecordExists => Written.Count > 0;

        public Task ClearStateAsync() => Task.CompletedTask;

        public Task ReadStateAsync() => Task.CompletedTask;

        /// <summary>How many of the next writes fail as a store that is going away does.</summary>
        public int FailWrites { get; set; }

        public Task WriteStateAsync()
        {
            if (FailWrites > 0)
            {
                FailWrites--;
                return Task.FromException(new IOException("the store is going away"));
            }
            lock (Written)
            {
                Written.Add(State.Value);
            }
            _firstWrite.TrySetResult(State.Value);
            return Task.CompletedTask;
        }
    }
}
