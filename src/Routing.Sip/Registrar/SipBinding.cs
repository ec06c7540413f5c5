using System.Net;
using Routing.Sip.Messages;
using Routing.Sip.Transport;

namespace Routing.Sip.Registrar;

/// <summary>One contact bound to an address of record (RFC 3261 §10.3), with the flow the REGISTER came on: the
/// gateway reaches a phone behind NAT or on TCP/TLS through <see cref="Transport"/> and <see cref="Source"/>
/// (or <see cref="Flow"/> while its connection is open) rather than through the contact's private address.</summary>
/// <param name="AddressOfRecord">Canonical, see <see cref="AddressOfRecord"/>.</param>
/// <param name="Contact">The contact URI as registered.</param>
/// <param name="ExpiresAt">When the binding ends unless refreshed.</param>
/// <param name="CallId">Call-ID of the REGISTER that last wrote it (§10.3 step 7 orders updates by it and CSeq).</param>
/// <param name="CSeq">CSeq number of that REGISTER.</param>
/// <param name="Q">The contact's q-value as written (0 to 1), or null.</param>
/// <param name="Transport">The transport the REGISTER arrived on.</param>
/// <param name="Source">Where answers to that REGISTER went: the source address, with the Via port unless rport was asked.</param>
/// <param name="Flow">The flow itself (a TCP/TLS connection, or the UDP socket's answer path).</param>
public sealed record SipBinding(
    string AddressOfRecord,
    SipUri Contact,
    DateTimeOffset ExpiresAt,
    string CallId,
    long CSeq,
    string? Q,
    SipTransportKind Transport,
    IPEndPoint Source,
    ISipFlow Flow)
{
    /// <summary>Whole seconds left at <paramref name="now"/>, rounded up so a live binding never shows 0.</summary>
    public int RemainingSeconds(DateTimeOffset now) =>
        (int)Math.Max(0, Math.Ceiling((ExpiresAt - now).TotalSeconds));

    /// <summary>The Contact value of a 200 OK: the URI with its remaining expires and q.</summary>
    public string ToContactHeader(DateTimeOffset now) =>
        $"<{Contact}>;expires={RemainingSeconds(now)}" + (Q is null ? string.Empty : $";q={Q}");
}
