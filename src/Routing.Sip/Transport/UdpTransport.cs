using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Routing.Sip.Parsing;

namespace Routing.Sip.Transport;

/// <summary>SIP over UDP (RFC 3261 §18): one socket, one receive loop; each datagram is one message, parsed and handed
/// on in the loop (the transaction layer never blocks), so memory stays at one 64 KiB buffer whatever arrives.</summary>
public sealed class UdpTransport : IAsyncDisposable
{
    private const int MaxDatagram = 65_535;

    /// <summary>The kernel's receive buffer asked for: a burst (a PBX re-sending after a restart, a thousand CANCELs at
    /// once) waits there while the loop parses, instead of being dropped at the default ~200 KiB. Linux caps it at
    /// net.core.rmem_max.</summary>
    private const int ReceiveBufferBytes = 4 * 1024 * 1024;

    private readonly Socket _socket;
    private readonly SipInbound _inbound;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _receiving = Task.CompletedTask;

    internal UdpTransport(IPEndPoint endPoint, SipInbound inbound, ILogger logger)
    {
        _inbound = inbound;
        _logger = logger;
        _socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = ReceiveBufferBytes };
        _socket.Bind(endPoint);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>A flow to <paramref name="remote"/> for requests this element sends (client transactions).</summary>
    public ISipFlow FlowTo(IPEndPoint remote) => new UdpFlow(_socket, remote, _logger);

    internal void Start()
    {
        SipTransportLog.Listening(_logger, SipTransportKind.Udp, LocalEndPoint);
        _receiving = Task.Run(ReceiveLoop);
    }

    private async Task ReceiveLoop()
    {
        var buffer = GC.AllocateUninitializedArray<byte>(MaxDatagram);
        EndPoint any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stopping.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // An ICMP port-unreachable for an earlier send surfaces here on some systems; the socket is still good.
                continue;
            }
            var datagram = buffer.AsSpan(0, received.ReceivedBytes);
            if (datagram.IndexOfAnyExcept("\r\n\0 \t"u8) < 0)
            {
                // A keep-alive (CRLFs, or the NULs some phones send): it keeps a NAT binding open and wants no answer.
                continue;
            }
            _inbound.Receive(datagram, SipFraming.Datagram, new UdpFlow(_socket, (IPEndPoint)received.RemoteEndPoint, _logger));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _socket.Dispose();
        await _receiving;
        _stopping.Dispose();
    }
}
