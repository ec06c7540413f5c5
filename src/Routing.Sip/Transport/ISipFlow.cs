using System.Net;

namespace Routing.Sip.Transport;

/// <summary>Where a message came from and where its answers go: a UDP socket and the address RFC 3261 §18.2.2 (with
/// RFC 3581's rport) names for responses, or a TCP/TLS connection. Sending never blocks: the bytes are queued or
/// handed to the socket, and a failure is logged by the transport, since SIP's own retransmissions and timeouts are
/// what recover from a lost message.</summary>
public interface ISipFlow
{
    SipTransportKind Transport { get; }

    /// <summary>TCP and TLS: no retransmissions are needed, and the timers that wait for them are zero (§17).</summary>
    bool IsReliable { get; }

    IPEndPoint RemoteEndPoint { get; }

    void Send(ReadOnlyMemory<byte> message);
}
