namespace Routing.Sip.Transport;

/// <summary>The transports the stack listens on (RFC 3261 §18; TLS is TCP under TLS).</summary>
public enum SipTransportKind
{
    Udp,
    Tcp,
    Tls,
}
