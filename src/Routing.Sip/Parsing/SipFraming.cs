namespace Routing.Sip.Parsing;

/// <summary>How the message arrived, which decides what Content-Length means (RFC 3261 §18.3).</summary>
public enum SipFraming
{
    /// <summary>UDP: the datagram is the message; without Content-Length the body runs to its end, and bytes past
    /// Content-Length are discarded.</summary>
    Datagram,

    /// <summary>TCP or TLS: Content-Length is required, since it alone says where the next message starts.</summary>
    Stream,
}
