using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Routing.Sip.Transport;

/// <summary>A UDP peer: the datagram's source, and where the answers go (set from the request's top Via).</summary>
internal sealed class UdpFlow(Socket socket, IPEndPoint source, ILogger logger) : ISipFlow
{
    public SipTransportKind Transport => SipTransportKind.Udp;

    public bool IsReliable => false;

    /// <summary>The datagram's source address and port.</summary>
    public IPEndPoint Source { get; } = source;

    /// <summary>Where messages on this flow are sent: the source until a request's Via says otherwise.</summary>
    public IPEndPoint RemoteEndPoint { get; set; } = source;

    public void Send(ReadOnlyMemory<byte> message)
    {
        try
        {
            socket.SendTo(message.Span, SocketFlags.None, RemoteEndPoint);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            SipTransportLog.SendFailed(logger, Transport, RemoteEndPoint, exception.Message);
        }
    }
}
