using Routing.Sip.Messages;
using Routing.Sip.Transport;

namespace Routing.Sip.Transactions;

/// <summary>The non-INVITE client transaction of RFC 3261 §17.1.2 (figure 6). Timer E retransmits over UDP (doubling
/// up to T2, and at T2 once a provisional response came), Timer F gives up after 64·T1, and Timer K (T4 over UDP,
/// zero over TCP/TLS) absorbs retransmitted final responses.</summary>
public sealed class NonInviteClientTransaction : ClientTransaction
{
    private readonly TransactionTimer _timerE;
    private readonly TransactionTimer _timerF;
    private readonly TransactionTimer _timerK;

    internal NonInviteClientTransaction(string key, SipRequest request, ISipFlow flow, SipTransactionOptions options, TimeProvider time)
        : base(key, request, flow, options)
    {
        State = TransactionState.Trying;
        _timerE = new TransactionTimer(time, OnTimerE);
        _timerF = new TransactionTimer(time, OnTimerF);
        _timerK = new TransactionTimer(time, TerminateNow);
    }

    private protected override TransactionTimer RetransmitTimer => _timerE;

    private protected override TransactionTimer TimeoutTimer => _timerF;

    internal override void OnResponse(SipResponse response)
    {
        Action? after = null;
        lock (_gate)
        {
            if (State is not (TransactionState.Trying or TransactionState.Proceeding))
            {
                return;
            }
            if (response.IsProvisional)
            {
                State = TransactionState.Proceeding;
                after = () => Provisional(response);
            }
            else
            {
                State = TransactionState.Completed;
                _timerE.Stop();
                _timerF.Stop();
                Action? terminated = null;
                if (Flow.IsReliable)
                {
                    terminated = Terminate();
                }
                else
                {
                    _timerK.Start(_options.T4);
                }
                after = () =>
                {
                    Final(response);
                    terminated?.Invoke();
                };
            }
        }
        after?.Invoke();
    }

    private void OnTimerE()
    {
        lock (_gate)
        {
            if (State is not (TransactionState.Trying or TransactionState.Proceeding))
            {
                return;
            }
            SendRequest();
            var doubled = _timerE.Interval * 2;
            _timerE.Start(State == TransactionState.Proceeding || doubled > _options.T2 ? _options.T2 : doubled);
        }
    }

    private void OnTimerF()
    {
        Action? terminated;
        lock (_gate)
        {
            if (State is not (TransactionState.Trying or TransactionState.Proceeding))
            {
                return;
            }
            terminated = Terminate();
        }
        Final(Timeout());
        terminated?.Invoke();
    }

    private protected override void StopTimers()
    {
        _timerE.Stop();
        _timerF.Stop();
        _timerK.Stop();
    }
}
