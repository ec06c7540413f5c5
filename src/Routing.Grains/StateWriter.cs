using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Routing.Grains;

/// <summary>
/// Serialises and coalesces writes of one grain's state. Atomic (interleaving) grain methods must not
/// await, so they call <see cref="Schedule"/>; orchestration that must be durable before it answers
/// awaits <see cref="WriteAsync"/>. Two writes never overlap (which would trip the storage ETag), and
/// changes made while a write is in flight are covered by one more write. A writer made with a
/// <c>coalesce</c> window starts a background write that long after the first change, so a grain changed
/// several times in quick succession (a queue at 50 arrivals a second, an agent's reserve and offer) is
/// written once; awaited writes never wait for the window, and the grain flushes on deactivation.
/// With <c>deferToDeactivation</c> (memory state, which promises nothing beyond the process) writes are
/// kept back until the grain deactivates: the stored copy is read only by the next activation, which
/// cannot start before this one has flushed, so writing every change would buy nothing.
/// </summary>
/// <remarks>Written here because Orleans' IPersistentState does not serialise concurrent writers.</remarks>
internal sealed class StateWriter<T>(
    IPersistentState<T> state,
    ILogger logger,
    string grainKey,
    Action? beforeWrite = null,
    Action? onConflict = null,
    TimeSpan coalesce = default,
    bool deferToDeactivation = false)
{
    private Task? _loop;
    private bool _dirty;
    private bool _delayed;

    /// <summary>Completes once the state as it is now has been written (at once when writes wait for deactivation).</summary>
    public Task WriteAsync()
    {
        _dirty = true;
        return deferToDeactivation ? Task.CompletedTask : WriteNowAsync();
    }

    /// <summary>Writes in the background; a failure is logged (the next write retries it).</summary>
    public void Schedule()
    {
        if (deferToDeactivation)
        {
            _dirty = true;
            return;
        }
        if (coalesce <= TimeSpan.Zero)
        {
            _ = ObserveAsync(WriteAsync());
            return;
        }
        _dirty = true;
        if (_delayed || _loop is { IsCompleted: false })
        {
            // The pending write (or the one in flight, which loops while dirty) covers this change.
            return;
        }
        _delayed = true;
        _ = WriteAfterWindowAsync();
    }

    /// <summary>Marks the state changed before the write that records it: a change whose own write is never reached
    /// (a grain call made before it failed) is still written by the next write, flush or deactivation.</summary>
    public void MarkChanged() => _dirty = true;

    /// <summary>Completes once every change so far is stored (at once when writes wait for deactivation): what a
    /// repeated command waits for before it answers that its change is already made.</summary>
    public Task StoredAsync() => deferToDeactivation ? Task.CompletedTask : FlushAsync();

    /// <summary>Writes what is not yet written (on deactivation, so a change in the window is not lost).</summary>
    public Task FlushAsync() => _dirty ? WriteNowAsync() : _loop is { IsCompleted: false } loop ? loop : Task.CompletedTask;

    /// <summary>Writes what is not yet written as the grain deactivates for <paramref name="reason"/>. Deferred
    /// (memory) state is not written when the silo shuts down: the state ends with the process, the memory storage
    /// grains are deactivating too, and each write would fail after Orleans' placement retries, a few error lines
    /// per grain at every stop.</summary>
    public Task FlushAsync(DeactivationReason reason) =>
        deferToDeactivation && reason.ReasonCode == DeactivationReasonCode.ShuttingDown ? Task.CompletedTask : FlushAsync();

    /// <summary>Deletes the stored state once the write under way (if any) has finished; a change not yet written is
    /// dropped with it.</summary>
    public async Task ClearAsync()
    {
        if (_loop is { IsCompleted: false } loop)
        {
            await loop;
        }
        _dirty = false;
        await state.ClearStateAsync();
    }

    private Task WriteNowAsync()
    {
        if (_loop is { IsCompleted: false })
        {
            return _loop;
        }
        _loop = LoopAsync();
        return _loop;
    }

    private async Task WriteAfterWindowAsync()
    {
        await Task.Delay(coalesce);
        _delayed = false;
        if (_dirty)
        {
            await ObserveAsync(WriteAsync());
        }
    }

    private async Task LoopAsync()
    {
        while (_dirty)
        {
            _dirty = false;
            try
            {
                beforeWrite?.Invoke();
                await state.WriteStateAsync();
            }
            catch (Exception exception) when (exception is not InconsistentStateException)
            {
                // Still unwritten: the next write, flush or deactivation tries it again. (A conflict is not retried:
                // the grain deactivates, and its next activation reads what is stored.)
                _dirty = true;
                throw;
            }
        }
    }

    private async Task ObserveAsync(Task write)
    {
        try
        {
            await write;
        }
        catch (InconsistentStateException exception)
        {
            // The stored state moved on without this activation (e.g. a write went through but its answer was
            // lost with the store): every later write would fail too. The grain deactivates and its next
            // activation reads what is stored. (Orleans does this itself for a conflict thrown from a grain
            // call; a background write needs it done here.)
            GrainLog.StateWriteFailed(logger, exception, grainKey);
            onConflict?.Invoke();
        }
        catch (Exception exception)
        {
            // The loop left the change pending: the next write, flush or deactivation tries it again.
            GrainLog.StateWriteFailed(logger, exception, grainKey);
        }
    }
}
