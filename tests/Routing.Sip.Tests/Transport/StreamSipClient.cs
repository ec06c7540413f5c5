using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Routing.Sip.Messages;
using Routing.Sip.Parsing;
using Routing.Sip.Transport;

namespace Routing.Sip.Tests.Transport;

/// <summary>A TCP or TLS peer for tests: writes raw bytes, reads whole messages framed by Content-Length.</summary>
internal sealed class StreamSipClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[128 * 1024];
    private int _filled;

    private StreamSipClient(TcpClient tcp, Stream stream)
    {
        _tcp = tcp;
        _stream = stream;
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_tcp.Client.LocalEndPoint!;

    public static async Task<StreamSipClient> ConnectAsync(IPEndPoint server, bool tls = false)
    {
        var tcp = new TcpClient(AddressFamily.InterNetwork);
        await tcp.ConnectAsync(server, LoopbackSipServer.Deadline());
        Stream stream = tcp.GetStream();
        if (tls)
        {
            // The test certificate is self-signed; what is under test is the server's TLS, not the client's trust.
            var ssl = new SslStream(stream, leaveInnerStreamOpen: false, (_, _, _, _) => true);
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, LoopbackSipServer.Deadline());
            stream = ssl;
        }
        return new StreamSipClient(tcp, stream);
    }

    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes, LoopbackSipServer.Deadline());

    /// <summary>The next message, or null when the server closed the connection.</summary>
    public async Task<SipResponse?> ReceiveAsync()
    {
        var deadline = LoopbackSipServer.Deadline();
        while (true)
        {
            if (StreamFramer.TryFrame(_buffer.AsSpan(0, _filled), 64 * 1024, out var skip, out var length, out _) == FrameStatus.Complete)
            {
                var parsed = new SipParser().Parse(_buffer.AsSpan(skip, length), SipFraming.Stream);
                _buffer.AsSpan(skip + length, _filled - skip - length).CopyTo(_buffer);
                _filled -= skip + length;
                return (SipResponse)parsed.Message!;
            }
            var read = await _stream.ReadAsync(_buffer.AsMemory(_filled), deadline);
            if (read == 0)
            {
                return null;
            }
            _filled += read;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }
}
