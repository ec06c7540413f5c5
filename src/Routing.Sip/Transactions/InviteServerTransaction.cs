using Routing.Sip.Messages;
using Routing.Sip.Transport;

namespace Routing.Sip.Transactions;

/// <summary>The INVITE server transaction of RFC 3261 §17.2.1 (figure 7) with RFC 6026's Accepted state. A 100 Trying
/// goes out if the TU has not answered within 200 ms; after a 2xx the transaction stays Accepted for Timer L (64·T1),
/// so a retransmitted INVITE is absorbed instead of reaching the TU as a new call, and the TU's own 2xx
/// retransmissions pass; a 300–699 is retransmitted on Timer G over UDP until the ACK arrives or Timer H gives up;
/// after the ACK, Timer I absorbs ACK retransmissions.</summary>
public sealed class InviteServerTransaction : ServerTransaction
{
    /// <summary>RFC 3261 §17.2.1: the 100 Trying is due unless the TU answers within 200 ms.</summary>
    public static readonly TimeSpan TryingDelay = TimeSpan.FromMilliseconds(200);

    private readonly TransactionTimer _trying;
    private readonly TransactionTimer _timerG;
    private readonly TransactionTimer _timerH;
    private readonly TransactionTimer _timerI;
    private readonly TransactionTimer _timerL;

    internal InviteServerTransaction(string key, SipRequest request, ISipFlow flow, SipTransactionOptions options, TimeProvider time)
        : base(key, request, flow, options)
    {
        State = TransactionState.Proceeding;
        _trying = new TransactionTimer(time, SendTrying);
        _timerG = new TransactionTimer(time, OnTimerG);
        _timerH = new TransactionTimer(time, OnTimerH);
        _timerI = new TransactionTimer(time, TerminateNow);
        _timerL = new TransactionTimer(time, TerminateNow);
        _trying.Start(TryingDelay);
    }

    public override bool Respond(SipResponse response)
    {
        lock (_gate)
        {
            if (State == TransactionState.Accepted && response.IsSuccess)
            {
                // The TU retransmits its 2xx until the ACK comes (§13.3.1.4).
                Send(response);
                return true;
            }
            if (State != TransactionState.Proceeding)
            {
                return false;
            }
            _trying.Stop();
            Send(response);
            if (response.IsSuccess)
            {
                FinalResponse = response;
                State = TransactionState.Accepted;
                _timerL.Start(_options.TimeoutInterval);
            }
            else if (!response.IsProvisional)
            {
                FinalResponse = response;
                State = TransactionState.Completed;
                if (!Flow.IsReliable)
                {
                    _timerG.Start(_options.T1);
                }
                _timerH.Start(_options.TimeoutInterval);
            }
        }
        return true;
    }

    internal override void OnRetransmission(SipRequest request)
    {
        Action? terminated = null;
        lock (_gate)
        {
            if (request.Method == SipMethods.Ack)
            {
                if (State == TransactionState.Completed)
                {
                    State = TransactionState.Confirmed;
                    _timerG.Stop();
                    _timerH.Stop();
                    if (Flow.IsReliable)
                    {
                        terminated = Terminate();
                    }
                    else
                    {
                        _timerI.Start(_options.T4);
                    }
                }
            }
            else if (State is TransactionState.Proceeding or TransactionState.Completed)
            {
                Resend();
            }
        }
        terminated?.Invoke();
    }

    private void SendTrying()
    {
        lock (_gate)
        {
            if (State == TransactionState.Proceeding && _lastResponse is null)
            {
                Send(SipResponses.Create(Request, SipStatus.Trying));
            }
        }
    }

    private void OnTimerG()
    {
        lock (_gate)
        {
            if (State != TransactionState.Completed)
            {
                return;
            }
            Resend();
            var next = _timerG.Interval * 2;
            _timerG.Start(next < _options.T2 ? next : _options.T2);
        }
    }

    private void OnTimerH()
    {
        Action? terminated;
        lock (_gate)
        {
            if (State != TransactionState.Completed)
            {
                return;
            }
            TimedOut = true;
            terminated = Terminate();
        }
        terminated?.Invoke();
    }

    private protected override void StopTimers()
    {
        _trying.Stop();
        _timerG.Stop();
        _timerH.Stop();
        _timerI.Stop();
        _timerL.Stop();
    }
}
