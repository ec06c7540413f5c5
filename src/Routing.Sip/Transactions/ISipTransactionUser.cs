using Routing.Sip.Messages;
using Routing.Sip.Transport;

namespace Routing.Sip.Transactions;

/// <summary>The transaction user (RFC 3261 §17): the UAS core that answers requests.</summary>
public interface ISipTransactionUser
{
    /// <summary>A new request, in its new server transaction; answer through <see cref="ServerTransaction.Respond(SipResponse)"/>.</summary>
    void OnRequest(ServerTransaction transaction);

    /// <summary>A CANCEL matched <paramref name="invite"/> and has been answered 200 (§9.2); the INVITE still waits
    /// for its final response (487 unless the TU already sent one).</summary>
    void OnCancel(ServerTransaction invite);

    /// <summary>An ACK that matched no INVITE server transaction: the ACK of a 2xx, which belongs to a dialog (§13.2.2.4),
    /// or one for a transaction this process no longer has. Nothing may be sent back for an ACK.</summary>
    void OnStrayAck(SipRequest ack, ISipFlow flow);

    /// <summary>The answer to a request the element serves statelessly (RFC 3261 §8.2.7), sent without a transaction:
    /// nothing is kept, a retransmission is answered again the same way. Null: the request gets a transaction.</summary>
    SipResponse? AnswerStatelessly(SipRequest request) => null;

    /// <summary>A CANCEL that matched no INVITE server transaction, already answered 481 (§9.2): its INVITE belongs to a
    /// transaction this process no longer has (it restarted). The caller has hung up all the same.</summary>
    void OnUnmatchedCancel(SipRequest cancel)
    {
    }
}
