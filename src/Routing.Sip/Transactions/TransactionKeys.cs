using System.Globalization;
using Routing.Sip.Messages;

namespace Routing.Sip.Transactions;

/// <summary>How requests and responses find their transaction (RFC 3261 §17.1.3, §17.2.3).</summary>
internal static class TransactionKeys
{
    /// <summary>The server transaction a request belongs to. With an RFC 3261 branch: branch, sent-by and method (an ACK
    /// belongs to its INVITE). Without one (RFC 2543 elements, a bare magic cookie): Request-URI, From tag, Call-ID,
    /// CSeq number, top Via and method; the To tag an RFC 2543 ACK carries is checked by the transaction itself.
    /// <paramref name="method"/> overrides the request's own (a CANCEL looks for its INVITE).</summary>
    public static string? Server(SipRequest request, string? method = null)
    {
        var via = request.TopVia;
        var cseq = request.CSeq;
        if (via is null || cseq is null)
        {
            return null;
        }
        method ??= request.Method == SipMethods.Ack ? SipMethods.Invite : request.Method;
        if (via.HasRfc3261Branch)
        {
            return string.Concat(via.Branch, "|", via.SentBy.ToLowerInvariant(), "|", method);
        }
        return string.Join('|', "2543", request.RequestUri.ToString(), request.From?.Tag, request.CallId,
            cseq.Number.ToString(CultureInfo.InvariantCulture), via.ToString(), method);
    }

    /// <summary>The client transaction a response belongs to: the top Via branch and the CSeq method (§17.1.3).</summary>
    public static string? Client(SipMessage message) =>
        message.TopVia?.Branch is { } branch && message.CSeq is { } cseq ? string.Concat(branch, "|", cseq.Method) : null;

    /// <summary>What two copies of one request forked along different paths share (§8.2.2.2): From tag, Call-ID and
    /// CSeq. Only requests outside a dialog (no To tag) are compared.</summary>
    public static string? Merge(SipRequest request) =>
        request.To?.Tag is null && request.From?.Tag is { } fromTag && request.CSeq is { } cseq
            ? string.Join('|', fromTag, request.CallId, cseq.ToString())
            : null;
}
