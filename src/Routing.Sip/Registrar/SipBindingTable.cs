using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Routing.Sip.Messages;
using Routing.Sip.Transport;

namespace Routing.Sip.Registrar;

/// <summary>The bindings of every address of record, in memory and bounded (addresses, and bindings per address).
/// A binding past its expiry is never returned; a sweep each <see cref="SweepInterval"/> removes the expired ones and
/// tells the listeners. The sweep pops a queue ordered by each address's earliest expiry, so it touches only the
/// addresses with something due, not the whole table.</summary>
public sealed class SipBindingTable : IDisposable
{
    /// <summary>How late an expiry may be reported (lookups never return an expired binding in the meantime).</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<SipBinding>> _bindings = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _due = new();
    private readonly Dictionary<string, DateTimeOffset> _scheduled = new(StringComparer.Ordinal);
    private readonly int _maxAddresses;
    private readonly int _maxBindingsPerAddress;
    private readonly TimeProvider _time;
    private readonly ISipRegistrationListener[] _listeners;
    private readonly ILogger _logger;
    private readonly ITimer _sweep;

    public SipBindingTable(int maxAddresses, int maxBindingsPerAddress, TimeProvider time,
        IEnumerable<ISipRegistrationListener> listeners, ILogger? logger = null)
    {
        _maxAddresses = maxAddresses;
        _maxBindingsPerAddress = maxBindingsPerAddress;
        _time = time;
        _listeners = [.. listeners];
        _logger = logger ?? NullLogger.Instance;
        _sweep = time.CreateTimer(_ => Sweep(), null, SweepInterval, SweepInterval);
    }

    /// <summary>Addresses of record with at least one binding (expired ones not yet swept included).</summary>
    public int AddressCount
    {
        get
        {
            lock (_gate)
            {
                return _bindings.Count;
            }
        }
    }

    /// <summary>The live bindings of a canonical address of record (see <see cref="AddressOfRecord"/>).</summary>
    public IReadOnlyList<SipBinding> Get(string addressOfRecord)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return _bindings.TryGetValue(addressOfRecord, out var bindings) ? [.. bindings.Where(b => b.ExpiresAt > now)] : [];
        }
    }

    /// <summary>Applies a REGISTER's contacts all or nothing, and tells the listeners when it changed anything.</summary>
    internal (BindingUpdate Outcome, IReadOnlyList<SipBinding> Bindings) Apply(string addressOfRecord, RegistrationRequest request,
        string callId, long cseq, ISipFlow flow)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var existing = _bindings.TryGetValue(addressOfRecord, out var stored) ? stored.Where(b => b.ExpiresAt > now).ToList() : [];
            var next = new List<SipBinding>(existing);
            var touched = request.RemoveAll ? existing : [];
            foreach (var contact in request.Contacts)
            {
                var key = ContactKey.Of(contact.Uri);
                var index = next.FindIndex(b => ContactKey.Of(b.Contact) == key);
                var binding = new SipBinding(addressOfRecord, contact.Uri, now.AddSeconds(contact.ExpiresSeconds), callId, cseq, contact.Q,
                    flow.Transport, flow.RemoteEndPoint, flow);
                if (index >= 0)
                {
                    // A refresh keeps the binding's place, so the order of an address's contacts stays the order they came.
                    // Only a stored binding is checked for order: a contact listed twice in one request matches itself.
                    if (existing.Contains(next[index]))
                    {
                        touched.Add(next[index]);
                    }
                    next.RemoveAt(index);
                    if (contact.ExpiresSeconds > 0)
                    {
                        next.Insert(index, binding);
                    }
                }
                else if (contact.ExpiresSeconds > 0)
                {
                    next.Add(binding);
                }
            }
            if (request.RemoveAll)
            {
                next.Clear();
            }
            // §10.3 steps 6 and 7: a binding written by this Call-ID with a CSeq not lower than the request's means the
            // request is older than one already applied (a late retransmission, a reordered datagram); the RFC says
            // the update is aborted and the request fails, so an old request can never undo a newer one.
            if (touched.Any(b => b.CallId == callId && b.CSeq >= cseq))
            {
                return (BindingUpdate.OutOfOrder, existing);
            }
            if (next.Count > _maxBindingsPerAddress)
            {
                return (BindingUpdate.TooManyBindings, existing);
            }
            if (stored is null && next.Count > 0 && _bindings.Count >= _maxAddresses)
            {
                return (BindingUpdate.TableFull, existing);
            }
            if (!next.SequenceEqual(stored ?? []))
            {
                Store(addressOfRecord, next);
            }
            return (BindingUpdate.Applied, next);
        }
    }

    public void Dispose() => _sweep.Dispose();

    /// <summary>Called with the gate held: keeps <paramref name="bindings"/>, schedules their earliest expiry and tells
    /// the listeners (under the gate, so the calls for one address arrive in the order of the changes).</summary>
    private void Store(string addressOfRecord, List<SipBinding> bindings)
    {
        if (bindings.Count == 0)
        {
            _bindings.Remove(addressOfRecord);
            _scheduled.Remove(addressOfRecord);
        }
        else
        {
            _bindings[addressOfRecord] = bindings;
            var earliest = bindings.Min(b => b.ExpiresAt);
            if (!_scheduled.TryGetValue(addressOfRecord, out var scheduled) || earliest < scheduled)
            {
                _scheduled[addressOfRecord] = earliest;
                _due.Enqueue(addressOfRecord, earliest);
            }
        }
        foreach (var listener in _listeners)
        {
            try
            {
                listener.OnBindingsChanged(addressOfRecord, bindings);
            }
            catch (Exception exception)
            {
                SipRegistrarLog.ListenerFailed(_logger, addressOfRecord, exception);
            }
        }
    }

    private void Sweep()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            while (_due.TryPeek(out var addressOfRecord, out var due) && due <= now)
            {
                _due.Dequeue();
                // An address refreshed or removed since it was queued has a different schedule (or none); skip it.
                if (!_scheduled.TryGetValue(addressOfRecord, out var scheduled) || scheduled != due)
                {
                    continue;
                }
                _scheduled.Remove(addressOfRecord);
                var bindings = _bindings[addressOfRecord];
                var live = bindings.Where(b => b.ExpiresAt > now).ToList();
                if (live.Count != bindings.Count)
                {
                    Store(addressOfRecord, live);
                }
                else
                {
                    // Nothing due after all (refreshed to a later expiry): queue the next one.
                    var earliest = live.Min(b => b.ExpiresAt);
                    _scheduled[addressOfRecord] = earliest;
                    _due.Enqueue(addressOfRecord, earliest);
                }
            }
        }
    }
}
