using System.Net;
using Routing.Sip.Messages;
using Routing.Sip.Parsing;
using Routing.Sip.Transport;

namespace Routing.Sip.Tests.Transactions;

/// <summary>The far end of a flow, for tests of the layers above the transport: it keeps what was sent to it.</summary>
internal sealed class RecordingFlow(bool reliable = false) : ISipFlow
{
    private readonly List<SipMessage> _sent = [];

    public SipTransportKind Transport => reliable ? SipTransportKind.Tcp : SipTransportKind.Udp;

    public bool IsReliable => reliable;

    public IPEndPoint RemoteEndPoint { get; } = new(IPAddress.Loopback, 5070);

    public IReadOnlyList<SipMessage> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public IReadOnlyList<SipResponse> Responses => [.. Sent.OfType<SipResponse>()];

    public void Send(ReadOnlyMemory<byte> message)
    {
        var parsed = new SipParser().Parse(message.Span, SipFraming.Stream);
        Xunit.Assert.True(parsed.IsSuccess, parsed.ToString());
        lock (_sent)
        {
            _sent.Add(parsed.Message);
        }
    }
}
