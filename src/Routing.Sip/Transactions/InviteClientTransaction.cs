using System.Globalization;
using Routing.Sip.Messages;
using Routing.Sip.Transport;

namespace Routing.Sip.Transactions;

/// <summary>The INVITE client transaction of RFC 3261 §17.1.1 (figure 5). Timer A retransmits the INVITE over UDP
/// (doubling), Timer B gives up after 64·T1 unless a provisional response came; a 300–699 is acknowledged here with
/// an ACK built as §17.1.1.3 says, and Timer D keeps re-sending that ACK for the response's retransmissions. A 2xx
/// ends the transaction: its ACK belongs to the dialog.</summary>
public sealed class InviteClientTransaction : ClientTransaction
{
    private readonly TransactionTimer _timerA;
    private readonly TransactionTimer _timerB;
    private readonly TransactionTimer _timerD;
    private byte[]? _ack;

    internal InviteClientTransaction(string key, SipRequest request, ISipFlow flow, SipTransactionOptions options, TimeProvider time)
        : base(key, request, flow, options)
    {
        State = TransactionState.Calling;
        _timerA = new TransactionTimer(time, OnTimerA);
        _timerB = new TransactionTimer(time, OnTimerB);
        _timerD = new TransactionTimer(time, TerminateNow);
    }

    private protected override TransactionTimer RetransmitTimer => _timerA;

    private protected override TransactionTimer TimeoutTimer => _timerB;

    internal override void OnResponse(SipResponse response)
    {
        Action? after = null;
        lock (_gate)
        {
            switch (State)
            {
                case TransactionState.Calling or TransactionState.Proceeding when response.IsProvisional:
                    // §17.1.1.2: Timer B ends only a transaction still Calling; a phone may ring for longer than
                    // 64·T1, and what limits ringing is the TU's (a proxy's Timer C, the gateway's ring timeout).
                    State = TransactionState.Proceeding;
                    _timerA.Stop();
                    _timerB.Stop();
                    after = () => Provisional(response);
                    break;
                case TransactionState.Calling or TransactionState.Proceeding when response.IsSuccess:
                    var terminated = Terminate();
                    after = () =>
                    {
                        Final(response);
                        terminated?.Invoke();
                    };
                    break;
                case TransactionState.Calling or TransactionState.Proceeding:
                    State = TransactionState.Completed;
                    _timerA.Stop();
                    _timerB.Stop();
                    _ack = SipSerializer.Serialize(BuildAck(response));
                    Flow.Send(_ack);
                    if (Flow.IsReliable)
                    {
                        var ended = Terminate();
                        after = () =>
                        {
                            Final(response);
                            ended?.Invoke();
                        };
                    }
                    else
                    {
                        _timerD.Start(_options.TimerD);
                        after = () => Final(response);
                    }
                    break;
                case TransactionState.Completed when !response.IsProvisional && !response.IsSuccess:
                    Flow.Send(_ack!);
                    break;
            }
        }
        after?.Invoke();
    }

    /// <summary>RFC 3261 §17.1.1.3: the INVITE's Request-URI, Call-ID, From, CSeq number and top Via only; the
    /// response's To (with its tag); the INVITE's Route headers.</summary>
    internal SipRequest BuildAck(SipResponse response)
    {
        var ack = new SipRequest(SipMethods.Ack, Request.RequestUri);
        ack.Headers.Add(HeaderNames.Via, Request.Headers.Values(HeaderNames.Via)[0]);
        foreach (var route in Request.Headers.GetAll(HeaderNames.Route))
        {
            ack.Headers.Add(HeaderNames.Route, route.Value);
        }
        ack.Headers.Add(HeaderNames.MaxForwards, "70");
        ack.Headers.Add(HeaderNames.From, Request.Headers.Get(HeaderNames.From)!);
        ack.Headers.Add(HeaderNames.To, response.Headers.Get(HeaderNames.To)!);
        ack.Headers.Add(HeaderNames.CallId, Request.CallId!);
        ack.Headers.Add(HeaderNames.CSeq, $"{Request.CSeq!.Number.ToString(CultureInfo.InvariantCulture)} {SipMethods.Ack}");
        return ack;
    }

    /// <summary>Ends a transaction that still waits for its final response, with a 408 to the TU: a proxy gives up
    /// this way when a CANCELled branch never sends its final response (§9.1: 64·T1 after the CANCEL).</summary>
    internal void Abandon() => OnTimerB();

    private void OnTimerA()
    {
        lock (_gate)
        {
            if (State != TransactionState.Calling)
            {
                return;
            }
            SendRequest();
            _timerA.Start(_timerA.Interval * 2);
        }
    }

    private void OnTimerB()
    {
        Action? terminated;
        lock (_gate)
        {
            if (State is not (TransactionState.Calling or TransactionState.Proceeding))
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
        _timerA.Stop();
        _timerB.Stop();
        _timerD.Stop();
    }
}
