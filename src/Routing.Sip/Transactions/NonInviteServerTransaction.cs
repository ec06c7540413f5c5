using Routing.Sip.Messages;
using Routing.Sip.Transport;

namespace Routing.Sip.Transactions;

/// <summary>The non-INVITE server transaction of RFC 3261 §17.2.2 (figure 8): retransmitted requests are absorbed
/// while Trying and answered with the last response afterwards; Timer J (64·T1 over UDP, zero over TCP/TLS) keeps the
/// final response for the request's retransmissions. A request the TU leaves unanswered for 64·T1 ends the
/// transaction anyway: the client's Timer F has fired by then, so no answer can still matter, and the table must
/// not keep what a faulty handler forgot.</summary>
public sealed class NonInviteServerTransaction : ServerTransaction
{
    private readonly TransactionTimer _timerJ;
    private readonly TransactionTimer _unanswered;

    internal NonInviteServerTransaction(string key, SipRequest request, ISipFlow flow, SipTransactionOptions options, TimeProvider time)
        : base(key, request, flow, options)
    {
        State = TransactionState.Trying;
        _timerJ = new TransactionTimer(time, TerminateNow);
        _unanswered = new TransactionTimer(time, TerminateNow);
        _unanswered.Start(options.TimeoutInterval);
    }

    public override bool Respond(SipResponse response)
    {
        Action? terminated = null;
        lock (_gate)
        {
            if (State is not (TransactionState.Trying or TransactionState.Proceeding))
            {
                return false;
            }
            Send(response);
            if (response.IsProvisional)
            {
                State = TransactionState.Proceeding;
            }
            else
            {
                FinalResponse = response;
                State = TransactionState.Completed;
                _unanswered.Stop();
                if (Flow.IsReliable)
                {
                    terminated = Terminate();
                }
                else
                {
                    _timerJ.Start(_options.TimeoutInterval);
                }
            }
        }
        terminated?.Invoke();
        return true;
    }

    internal override void OnRetransmission(SipRequest request)
    {
        lock (_gate)
        {
            if (State is TransactionState.Proceeding or TransactionState.Completed)
            {
                Resend();
            }
        }
    }

    private protected override void StopTimers()
    {
        _timerJ.Stop();
        _unanswered.Stop();
    }
}
