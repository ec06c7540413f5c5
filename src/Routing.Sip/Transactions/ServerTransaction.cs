using Routing.Sip.Messages;
using Routing.Sip.Transport;

namespace Routing.Sip.Transactions;

/// <summary>A server transaction (RFC 3261 §17.2): it sends the transaction user's responses, answers retransmitted
/// requests with the last response, and absorbs them until its timers end it. The transaction user answers through
/// <see cref="Respond(SipResponse)"/>; a response that does not fit the state (a second final response) is ignored.</summary>
public abstract class ServerTransaction : SipTransaction
{
    private protected byte[]? _lastResponse;

    private protected ServerTransaction(string key, SipRequest request, ISipFlow flow, SipTransactionOptions options)
        : base(key, request, flow, options)
    {
    }

    /// <summary>The To tag of the responses this transaction sends (the TU may pass its own on each response).</summary>
    public string ToTag { get; } = SipResponses.NewTag();

    /// <summary>True when the transaction ended because its final response was never acknowledged (Timer H).</summary>
    public bool TimedOut { get; private protected set; }

    /// <summary>The last final response sent, or null.</summary>
    public SipResponse? FinalResponse { get; private protected set; }

    /// <summary>Creates a response to <see cref="SipTransaction.Request"/> with this transaction's To tag and sends it.</summary>
    public bool Respond(int statusCode, string? reasonPhrase = null) =>
        Respond(SipResponses.Create(Request, statusCode, reasonPhrase, ToTag));

    /// <summary>Sends <paramref name="response"/> if the state allows it; true when it was sent.</summary>
    public abstract bool Respond(SipResponse response);

    internal abstract void OnRetransmission(SipRequest request);

    private protected void Send(SipResponse response)
    {
        _lastResponse = SipSerializer.Serialize(response);
        Flow.Send(_lastResponse);
    }

    private protected void Resend()
    {
        if (_lastResponse is not null)
        {
            Flow.Send(_lastResponse);
        }
    }
}
