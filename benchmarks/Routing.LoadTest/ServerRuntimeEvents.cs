using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace Routing.LoadTest;

/// <summary>
/// Reads a server process's garbage-collector events over EventPipe (the channel dotnet-trace and
/// dotnet-counters use): each pause (suspend → restart of the runtime) and the allocation ticks the runtime
/// emits about every 100 KB allocated, summed per phase. The session asks for the GC keyword at verbose level,
/// which costs the server about one event per 100 KB allocated plus a few per collection.
/// </summary>
internal sealed class ServerRuntimeEvents : IAsyncDisposable
{
    private readonly EventPipeSession _session;
    private readonly EventPipeEventSource _source;
    private readonly Task _reading;
    private readonly Lock _gate = new();
    private readonly List<GcPause> _pauses = [];
    private double? _suspendedAtMs;
    private double? _suspendedForMs;
    private int _generation = -1;
    private string _kind = "";
    private long _promotedBytes;
    private long _allocatedBytes;
    private int _collections;

    private ServerRuntimeEvents(EventPipeSession session)
    {
        _session = session;
        _source = new EventPipeEventSource(session.EventStream);
        _source.Clr.GCSuspendEEStart += data =>
        {
            lock (_gate)
            {
                _suspendedAtMs = data.TimeStampRelativeMSec;
                _suspendedForMs = null;
                _generation = -1;
                _kind = "";
                _promotedBytes = 0;
            }
        };
        _source.Clr.GCSuspendEEStop += data =>
        {
            lock (_gate)
            {
                _suspendedForMs = data.TimeStampRelativeMSec - _suspendedAtMs;
            }
        };
        _source.Clr.GCStart += data =>
        {
            Interlocked.Increment(ref _collections);
            lock (_gate)
            {
                _generation = data.Depth;
                _kind = data.Type.ToString();
            }
        };
        _source.Clr.GCHeapStats += data =>
        {
            lock (_gate)
            {
                _promotedBytes = data.TotalPromoted;
            }
        };
        _source.Clr.GCRestartEEStop += data =>
        {
            lock (_gate)
            {
                if (_suspendedAtMs is { } suspended)
                {
                    _pauses.Add(new GcPause(data.TimeStampRelativeMSec - suspended, _suspendedForMs ?? 0, _generation, _kind, _promotedBytes));
                    _suspendedAtMs = null;
                }
            }
        };
        _source.Clr.GCAllocationTick += data => Interlocked.Add(ref _allocatedBytes, data.AllocationAmount64);
        _reading = Task.Factory.StartNew(_source.Process, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Starts reading the GC events of process <paramref name="processId"/>.</summary>
    public static ServerRuntimeEvents Attach(int processId)
    {
        var provider = new EventPipeProvider(ClrTraceEventParser.ProviderName, EventLevel.Verbose, (long)ClrTraceEventParser.Keywords.GC);
        var session = new DiagnosticsClient(processId).StartEventPipeSession(provider, requestRundown: false);
        return new ServerRuntimeEvents(session);
    }

    /// <summary>Starts a new phase: what was counted so far is dropped.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _pauses.Clear();
        }
        Interlocked.Exchange(ref _allocatedBytes, 0);
        Interlocked.Exchange(ref _collections, 0);
    }

    /// <summary>What the phase saw: bytes allocated (to within the 100 KB tick), collections, and each pause.</summary>
    public (long AllocatedBytes, int Collections, IReadOnlyList<GcPause> Pauses) Read()
    {
        lock (_gate)
        {
            return (Interlocked.Read(ref _allocatedBytes), Volatile.Read(ref _collections), [.. _pauses]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _session.StopAsync(CancellationToken.None);
        }
        catch (ServerNotAvailableException)
        {
            // The server exited first: its session ended with it.
        }
        await _reading.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        _source.Dispose();
        _session.Dispose();
    }
}
