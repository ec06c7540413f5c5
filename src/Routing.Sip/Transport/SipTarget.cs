using System.Net;

namespace Routing.Sip.Transport;

/// <summary>Where a request goes: the transport and the address and port to send it to (a URI resolved by
/// <see cref="SipTargetResolver"/>).</summary>
public sealed record SipTarget(SipTransportKind Transport, IPEndPoint EndPoint);
