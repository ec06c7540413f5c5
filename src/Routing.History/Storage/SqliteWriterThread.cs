using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Routing.History.Storage;

/// <summary>
/// The one thread the SQLite store writes on. SQLite has no asynchronous I/O, so a batch (its statements, the commit
/// and now and then a WAL checkpoint) holds its thread for milliseconds to tens of milliseconds. On the thread pool it
/// held a worker the grains and the edge wait for: on a small machine one batch delayed routing by as long. Here it
/// runs on a thread of its own at a lower scheduling priority (Linux nice +10), so the operating system runs routing
/// first and the history takes the CPU left over: routing never waits for it.
/// </summary>
internal sealed partial class SqliteWriterThread : IDisposable
{
    /// <summary>How much nicer than the process the writer is (Linux: 0 normal, 19 the lowest priority).</summary>
    private const int Niceness = 10;

    private readonly BlockingCollection<(Action Work, TaskCompletionSource Done)> _work = [];
    private readonly Thread _thread;
    private int _disposed;

    public SqliteWriterThread()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "history-sqlite-writer" };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> on the writer thread; completes as it does (or fails with its exception).</summary>
    public Task RunAsync(Action work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            _work.Add((work, done));
        }
        catch (Exception stopped) when (stopped is InvalidOperationException or ObjectDisposedException)
        {
            done.SetException(new ObjectDisposedException(nameof(SqliteWriterThread)));
        }
        return done.Task;
    }

    /// <summary>Lets the queued work finish, then ends the thread. A store may be disposed more than once (by its
    /// owner and by the container): only the first does anything.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _work.CompleteAdding();
        if (Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }
        _work.Dispose();
    }

    private void Run()
    {
        LowerPriority();
        foreach (var (work, done) in _work.GetConsumingEnumerable())
        {
            try
            {
                work();
                done.SetResult();
            }
            catch (Exception exception)
            {
                done.SetException(exception);
            }
        }
    }

    private static void LowerPriority()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        // Linux keeps the nice value per thread: PRIO_PROCESS with who = 0 sets the calling thread's. Raising it needs no
        // privilege; if it fails anyway the writer runs at normal priority, as it would elsewhere.
        _ = SetPriority(PrioProcess, 0, Niceness);
    }

    private const int PrioProcess = 0;

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int priority);
}
