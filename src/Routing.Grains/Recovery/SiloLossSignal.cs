namespace Routing.Grains.Recovery;

/// <summary>
/// Completes a task each time a silo of the cluster is declared dead, so services in this silo (the gRPC
/// edge's agent sessions) can re-attach to grains the lost silo held at once instead of on their next
/// periodic renewal.
/// </summary>
public sealed class SiloLossSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next silo loss (or is cancelled with <paramref name="cancellationToken"/>).</summary>
    public Task NextLossAsync(CancellationToken cancellationToken) => Volatile.Read(ref _next).Task.WaitAsync(cancellationToken);

    internal void Raise()
    {
        var previous = Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }
}
