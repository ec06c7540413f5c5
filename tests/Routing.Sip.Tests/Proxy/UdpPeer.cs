using System.Net;
using System.Net.Sockets;
using Routing.Sip.Messages;
using Routing.Sip.Parsing;
using Routing.Sip.Tests.Transport;
using Xunit;

namespace Routing.Sip.Tests.Proxy;

/// <summary>A SIP element on a UDP socket of 127.0.0.1 that the test writes messages for line by line (a caller or
/// a phone on the other side of the proxy).</summary>
internal sealed class UdpPeer : IDisposable
{
    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));

    public int Port => ((IPEndPoint)_socket.Client.LocalEndPoint!).Port;

    public async Task Send(IPEndPoint to, params string[] lines) =>
        await _socket.SendAsync(SipText.Bytes([.. lines, "Content-Length: 0", "", ""]), to, LoopbackSipServer.Deadline());

    public async Task<SipMessage> Receive()
    {
        var received = await _socket.ReceiveAsync(LoopbackSipServer.Deadline());
        var parsed = new SipParser().Parse(received.Buffer, SipFraming.Datagram);
        Assert.True(parsed.IsSuccess, parsed.ToString());
        return parsed.Message;
    }

    /// <summary>The messages already waiting on the socket (on loopback a datagram is there once its send returned).</summary>
    public async Task<List<SipMessage>> ReceiveQueued()
    {
        var queued = new List<SipMessage>();
        while (_socket.Available > 0)
        {
            queued.Add(await Receive());
        }
        return queued;
    }

    /// <summary>The next request other than a retransmission of <paramref name="skipped"/> (Timer A or E resends it).</summary>
    public async Task<SipRequest> ReceiveRequestOtherThan(string skipped)
    {
        while (true)
        {
            if (await Receive() is SipRequest request && request.Method != skipped)
            {
                return request;
            }
        }
    }

    public async Task<T> Receive<T>()
        where T : SipMessage => Assert.IsType<T>(await Receive());

    public void Dispose() => _socket.Dispose();
}
