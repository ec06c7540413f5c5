using Routing.Sip.Messages;
using Routing.Sip.Transport;
using Routing.Testing;
using Xunit;

namespace Routing.Sip.Tests.Transport;

/// <summary>Flows for requests the stack sends itself (SipServer.GetFlowAsync): what cannot be reached is refused
/// with one exception type the proxy turns into 503.</summary>
public sealed class OutboundFlowTests
{
    [Fact]
    public async Task UnknownHost_IsUnreachable()
    {
        await using var server = LoopbackSipServer.Start();

        await Assert.ThrowsAsync<SipUnreachableException>(async () =>
            await server.GetFlowAsync(SipUri.Parse("sip:agent@no-such-host.invalid"), LoopbackSipServer.Deadline()));
    }

    [Fact]
    public async Task ClosedTcpPort_IsUnreachable()
    {
        await using var server = LoopbackSipServer.Start();

        await Assert.ThrowsAsync<SipUnreachableException>(async () =>
            await server.GetFlowAsync(SipUri.Parse($"sip:agent@127.0.0.1:{LoopbackPorts.Free()};transport=tcp"), LoopbackSipServer.Deadline()));
    }

    [Fact]
    public async Task ConnectionLimitReached_IsUnreachable()
    {
        await using var server = LoopbackSipServer.Start(o => (o.MaxConnections, o.MaxConnectionsPerAddress) = (1, 1));
        await using var first = LoopbackSipServer.Start();
        await using var second = LoopbackSipServer.Start();
        await server.GetFlowAsync(SipUri.Parse($"sip:a@127.0.0.1:{first.Tcp!.LocalEndPoint.Port};transport=tcp"), LoopbackSipServer.Deadline());

        var refused = await Assert.ThrowsAsync<SipUnreachableException>(async () =>
            await server.GetFlowAsync(SipUri.Parse($"sip:b@127.0.0.1:{second.Tcp!.LocalEndPoint.Port};transport=tcp"), LoopbackSipServer.Deadline()));

        Assert.Contains("connections are open", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UdpTarget_IsSentFromTheListeningSocket()
    {
        await using var server = LoopbackSipServer.Start();
        await using var other = LoopbackSipServer.Start();
        var options = LoopbackSipServer.OutgoingOptions("UDP", server.Udp!.LocalEndPoint, other.Udp!.LocalEndPoint);
        options.Headers.Remove(HeaderNames.Via);

        var transaction = await server.SendRequestAsync(options, SipUri.Parse($"sip:probe@127.0.0.1:{other.Udp.LocalEndPoint.Port}"), LoopbackSipServer.Deadline());
        var response = await transaction.FinalResponse.WaitAsync(LoopbackSipServer.Deadline());

        Assert.Equal(200, response.StatusCode);
        Assert.Equal($"127.0.0.1:{server.Udp.LocalEndPoint.Port}", response.TopVia!.SentBy);
    }
}
