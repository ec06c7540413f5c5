namespace Routing.History.Storage;

/// <summary>Brings a store's schema up to date once, before the first read of a process that may read before its recorder
/// wrote (migrating twice is harmless). A failed migration is tried again by the next read.</summary>
internal sealed class MigrationGate(Func<CancellationToken, Task> migrate)
{
    private readonly SemaphoreSlim _migrating = new(1, 1);
    private volatile bool _migrated;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_migrated)
        {
            return;
        }
        await _migrating.WaitAsync(cancellationToken);
        try
        {
            if (!_migrated)
            {
                await migrate(cancellationToken);
                _migrated = true;
            }
        }
        finally
        {
            _migrating.Release();
        }
    }
}
