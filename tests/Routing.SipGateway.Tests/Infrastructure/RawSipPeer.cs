using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Routing.SipGateway.Tests.Infrastructure;

/// <summary>A caller written by hand on a UDP socket, for what sipp cannot do: send the very same INVITE again (a
/// retransmission, byte for byte) to a gateway that restarted in between, and read each answer.</summary>
internal sealed class RawSipPeer : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly IPEndPoint _gateway;

    public RawSipPeer(int gatewayPort) => _gateway = new IPEndPoint(IPAddress.Loopback, gatewayPort);

    public int Port => ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;

    public Task SendAsync(string message) =>
        _udp.SendAsync(Encoding.ASCII.GetBytes(message.ReplaceLineEndings("\r\n")), _gateway).AsTask();

    /// <summary>The next response whose status line starts with <paramref name="status"/> (others skipped); fails after
    /// <paramref name="within"/>.</summary>
    public async Task<string> ReceiveAsync(int status, TimeSpan within)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(within);
        while (true)
        {
            var received = await _udp.ReceiveAsync(deadline.Token);
            var text = Encoding.ASCII.GetString(received.Buffer);
            if (text.StartsWith($"SIP/2.0 {status} ", StringComparison.Ordinal))
            {
                return text;
            }
        }
    }

    public void Dispose() => _udp.Dispose();
}
