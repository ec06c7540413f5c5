namespace Routing.History.Feed;

/// <summary>
/// Tells readers in this process that the store committed new feed events. A reader takes <see cref="Next"/> before it
/// reads, so an append that lands between its read and its wait still wakes it. Appends by other processes (other
/// silos on one PostgreSQL database) do not signal: readers also re-read on a bounded period.
/// </summary>
public sealed class FeedSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next append after this call.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    internal void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
