namespace Routing.History.Tests.Infrastructure;

/// <summary>A real store behind a switch: writes can be made to fail a number of times, or to wait at a gate,
/// so the recorder's retries and its full queue can be shown without a database outage.</summary>
internal sealed class ScriptedStore(IHistoryStore inner) : IHistoryStore
{
    private readonly TaskCompletionSource _firstWrite = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _failuresLeft;

    /// <summary>When set, each write waits for it before going on.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Completes when the first write has begun.</summary>
    public Task FirstWrite => _firstWrite.Task;

    public HistoryProvider Provider => inner.Provider;

    public void FailNext(int writes) => _failuresLeft = writes;

    public async Task WriteAsync(HistoryBatch batch, CancellationToken cancellationToken)
    {
        _firstWrite.TrySetResult();
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new InvalidOperationException("scripted write failure");
        }
        await inner.WriteAsync(batch, cancellationToken);
    }

    public bool IsRejection(Exception exception) => inner.IsRejection(exception);

    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken) => inner.MigrateAsync(cancellationToken);

    public Task<InteractionRecord?> FindInteractionAsync(string tenantId, string interactionId, CancellationToken cancellationToken) =>
        inner.FindInteractionAsync(tenantId, interactionId, cancellationToken);

    public Task<IReadOnlyList<InteractionEventRecord>> ReadTimelineAsync(string tenantId, string interactionId, CancellationToken cancellationToken) =>
        inner.ReadTimelineAsync(tenantId, interactionId, cancellationToken);

    public Task<IReadOnlyList<AgentStateInterval>> ReadAgentIntervalsAsync(string tenantId, string agentId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        inner.ReadAgentIntervalsAsync(tenantId, agentId, from, to, cancellationToken);

    public Task<IReadOnlyList<SupervisorActionRecord>> ReadSupervisorActionsAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        inner.ReadSupervisorActionsAsync(tenantId, from, to, cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> PurgeAsync(string tenantId, DateTimeOffset before, CancellationToken cancellationToken) =>
        inner.PurgeAsync(tenantId, before, cancellationToken);

    public Task<HistoryCounts> CountAsync(string tenantId, CancellationToken cancellationToken) => inner.CountAsync(tenantId, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
