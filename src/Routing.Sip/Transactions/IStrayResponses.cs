using Routing.Sip.Messages;

namespace Routing.Sip.Transactions;

/// <summary>Takes responses that match no client transaction (a proxy's relayed 2xx retransmissions).</summary>
internal interface IStrayResponses
{
    /// <summary>True when the response was forwarded.</summary>
    bool TryForward(SipResponse response);
}
