using System.Net;
using System.Threading.Channels;
using Routing.Sip.Messages;
using Routing.Sip.Parsing;
using Routing.Sip.Transport;

namespace Routing.Sip.Tests.Registrar;

/// <summary>The phone's end of a flow: each response the stack sends is parsed and queued, so a test awaits the answer
/// to its request (the registrar answers after an asynchronous credential lookup).</summary>
internal sealed class AnsweredFlow(SipTransportKind transport = SipTransportKind.Udp, int port = 5062) : ISipFlow
{
    private readonly Channel<SipResponse> _responses = Channel.CreateUnbounded<SipResponse>();

    public SipTransportKind Transport => transport;

    public bool IsReliable => transport != SipTransportKind.Udp;

    public IPEndPoint RemoteEndPoint { get; } = new(IPAddress.Parse("198.51.100.7"), port);

    public void Send(ReadOnlyMemory<byte> message)
    {
        var parsed = new SipParser().Parse(message.Span, SipFraming.Stream);
        Xunit.Assert.True(parsed.IsSuccess, parsed.ToString());
        _responses.Writer.TryWrite((SipResponse)parsed.Message);
    }

    public async Task<SipResponse> NextAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _responses.Reader.ReadAsync(deadline.Token);
    }
}
