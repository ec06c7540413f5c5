using System.Net;
using System.Net.Sockets;
using Routing.Sip.Messages;
using Routing.Sip.Transport;
using Xunit;

namespace Routing.Sip.Tests.Transport;

/// <summary>A URI to the transport, address and port a request goes to (RFC 3263 without NAPTR and SRV).</summary>
public sealed class SipTargetResolverTests
{
    [Theory]
    [InlineData("sip:agent@192.0.2.40", SipTransportKind.Udp, "192.0.2.40:5060")]
    [InlineData("sip:agent@192.0.2.40:5080;transport=TCP", SipTransportKind.Tcp, "192.0.2.40:5080")]
    [InlineData("sip:agent@192.0.2.40;transport=tls", SipTransportKind.Tls, "192.0.2.40:5061")]
    [InlineData("sips:agent@192.0.2.40", SipTransportKind.Tls, "192.0.2.40:5061")]
    [InlineData("sip:agent@[2001:db8::7]:5070", SipTransportKind.Udp, "[2001:db8::7]:5070")]
    public async Task IpLiteral_ResolvesWithoutDns(string uri, SipTransportKind transport, string endPoint)
    {
        var resolving = SipTargetResolver.ResolveAsync(SipUri.Parse(uri), AddressFamily.InterNetwork, udpAvailable: true, CancellationToken.None);

        Assert.True(resolving.IsCompletedSuccessfully);
        Assert.Equal(new SipTarget(transport, IPEndPoint.Parse(endPoint)), await resolving);
    }

    [Fact]
    public async Task NoTransportParameter_WithoutUdp_IsTcp()
    {
        var target = await SipTargetResolver.ResolveAsync(SipUri.Parse("sip:agent@192.0.2.40"), AddressFamily.InterNetwork, udpAvailable: false, CancellationToken.None);

        Assert.Equal(SipTransportKind.Tcp, target.Transport);
    }

    [Fact]
    public async Task HostName_ResolvesThroughDns_ToAnAddressOfTheSocketsFamily()
    {
        var target = await SipTargetResolver.ResolveAsync(SipUri.Parse("sip:agent@localhost:5090"), AddressFamily.InterNetwork, true, CancellationToken.None);

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 5090), target.EndPoint);
    }

    [Theory]
    [InlineData("sip:agent@192.0.2.40;transport=sctp")]
    [InlineData("tel:+4930123456")]
    public async Task UnusableUri_IsRefused(string uri)
    {
        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await SipTargetResolver.ResolveAsync(SipUri.Parse(uri), AddressFamily.InterNetwork, true, CancellationToken.None));
    }
}
