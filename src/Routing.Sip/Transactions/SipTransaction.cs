using Routing.Sip.Messages;
using Routing.Sip.Transport;

namespace Routing.Sip.Transactions;

/// <summary>What the four transaction kinds of RFC 3261 §17 share: the key that matches messages to it, the request,
/// the flow it talks on, its state behind one lock, and leaving the layer's table exactly once when it ends.</summary>
public abstract class SipTransaction
{
    private protected readonly Lock _gate = new();
    private protected readonly SipTransactionOptions _options;
    private Action<SipTransaction>? _terminated;

    private protected SipTransaction(string key, SipRequest request, ISipFlow flow, SipTransactionOptions options)
    {
        Key = key;
        Request = request;
        Flow = flow;
        _options = options;
    }

    public string Key { get; }

    public SipRequest Request { get; }

    public ISipFlow Flow { get; }

    public TransactionState State { get; private protected set; }

    internal void OnTerminated(Action<SipTransaction> terminated) => _terminated = terminated;

    /// <summary>Called with the gate held; the returned callback (the layer's clean-up) runs after the caller releases it.</summary>
    private protected Action? Terminate()
    {
        if (State == TransactionState.Terminated)
        {
            return null;
        }
        State = TransactionState.Terminated;
        StopTimers();
        var terminated = _terminated;
        return terminated is null ? null : () => terminated(this);
    }

    /// <summary>Ends a transaction that never entered the table (a copy of a request another thread took first), so its
    /// timers send nothing.</summary>
    internal void Discard()
    {
        lock (_gate)
        {
            Terminate();
        }
    }

    /// <summary>Ends the transaction from a timer callback.</summary>
    private protected void TerminateNow()
    {
        Action? terminated;
        lock (_gate)
        {
            terminated = Terminate();
        }
        terminated?.Invoke();
    }

    private protected abstract void StopTimers();
}
