using Routing.Sip.Messages;
using Routing.Sip.Transactions;

namespace Routing.Sip.Core;

/// <summary>What the UAS core hands to the proxy before its own checks: requests of dialogs routed through this
/// element (a To tag, and our Route on top, RFC 3261 §16.4), ACKs for 2xx that pass through, and CANCELs of INVITEs
/// it forwarded.</summary>
internal interface IRoutedRequests
{
    /// <summary>True when the request was routed through this element and is now forwarded or answered.</summary>
    bool TryForward(ServerTransaction transaction);

    /// <summary>True when an ACK without a transaction was routed through this element and is now forwarded.</summary>
    bool TryForwardAck(SipRequest ack);

    /// <summary>A CANCEL matched <paramref name="invite"/>: the branch forwarded for it is cancelled (§16.10). True
    /// when the INVITE was routed through within a dialog, so no handler serves it.</summary>
    bool OnCancel(ServerTransaction invite);
}
