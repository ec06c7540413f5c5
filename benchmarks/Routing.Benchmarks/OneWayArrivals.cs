namespace Routing.Benchmarks;

/// <summary>Counts one-way messages as they arrive at <see cref="FloorGrain"/>s, so a batch of them can be awaited.
/// The silo runs in the benchmark's process, so a static counter sees every arrival.</summary>
internal static class OneWayArrivals
{
    private static TaskCompletionSource? s_done;
    private static int s_remaining;

    public static Task Expect(int count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        s_done = done;
        Volatile.Write(ref s_remaining, count);
        return done.Task;
    }

    public static void Arrived()
    {
        if (Interlocked.Decrement(ref s_remaining) == 0)
        {
            s_done?.TrySetResult();
        }
    }
}
