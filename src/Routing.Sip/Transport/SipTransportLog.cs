using System.Net;
using Microsoft.Extensions.Logging;

namespace Routing.Sip.Transport;

internal static partial class SipTransportLog
{
    [LoggerMessage(1, LogLevel.Information, "Malformed message over {Transport} from {Remote} answered {Status}: {Reason}")]
    public static partial void MalformedAnswered(ILogger logger, SipTransportKind transport, IPEndPoint remote, int status, string reason);

    [LoggerMessage(2, LogLevel.Information, "Malformed message over {Transport} from {Remote} dropped: {Reason}")]
    public static partial void MalformedDropped(ILogger logger, SipTransportKind transport, IPEndPoint remote, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Connection from {Remote} refused: {Open} connections open ({FromAddress} from its address)")]
    public static partial void ConnectionRefused(ILogger logger, IPEndPoint remote, int open, int fromAddress);

    [LoggerMessage(4, LogLevel.Information, "TLS handshake with {Remote} failed: {Reason}")]
    public static partial void HandshakeFailed(ILogger logger, IPEndPoint remote, string reason);

    [LoggerMessage(5, LogLevel.Error, "A {Transport} message from {Remote} could not be processed")]
    public static partial void ProcessingFailed(ILogger logger, SipTransportKind transport, IPEndPoint remote, Exception exception);

    [LoggerMessage(6, LogLevel.Debug, "Sending over {Transport} to {Remote} failed: {Reason}")]
    public static partial void SendFailed(ILogger logger, SipTransportKind transport, IPEndPoint remote, string reason);

    [LoggerMessage(7, LogLevel.Warning, "Connection to {Remote} closed: its send queue of {Length} messages is full")]
    public static partial void SendQueueFull(ILogger logger, IPEndPoint remote, int length);

    [LoggerMessage(8, LogLevel.Information, "SIP listening on {Transport} {EndPoint}")]
    public static partial void Listening(ILogger logger, SipTransportKind transport, EndPoint endPoint);
}
