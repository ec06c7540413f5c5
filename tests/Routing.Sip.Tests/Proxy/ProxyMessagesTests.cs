using Routing.Sip.Messages;
using Routing.Sip.Parsing;
using Routing.Sip.Proxy;
using Routing.Sip.Transport;
using Xunit;

namespace Routing.Sip.Tests.Proxy;

/// <summary>Each message rule of RFC 3261 §16.4, §16.6, §16.7 and §9.1 on its own.</summary>
public sealed class ProxyMessagesTests
{
    private static readonly SipLocalIdentity Us = new("gateway.example.com", 5060, 5070, null);

    private static readonly SipUri Agent = SipUri.Parse("sip:agent-7@192.0.2.40:5062");

    private static SipRequest Invite(params string[] replacements)
    {
        var text = System.Text.Encoding.UTF8.GetString(SipText.Invite());
        for (var i = 0; i < replacements.Length; i += 2)
        {
            text = text.Replace(replacements[i], replacements[i + 1], StringComparison.Ordinal);
        }
        var parsed = new SipParser().Parse(System.Text.Encoding.UTF8.GetBytes(text), SipFraming.Datagram);
        Assert.True(parsed.IsSuccess, parsed.ToString());
        return Assert.IsType<SipRequest>(parsed.Message);
    }

    [Fact]
    public void Forwarded_IsACopyWithTheTargetAsRequestUri_AndOneHopLess()
    {
        var invite = Invite();

        var forwarded = ProxyMessages.Forwarded(invite, Us, Agent)!;

        Assert.Equal(Agent.ToString(), forwarded.RequestUri.ToString());
        Assert.Equal(69, forwarded.MaxForwards);
        Assert.Equal(70, invite.MaxForwards);
        Assert.Equal(invite.CallId, forwarded.CallId);
        Assert.Equal(invite.Headers.Get(HeaderNames.From), forwarded.Headers.Get(HeaderNames.From));
        Assert.Equal(invite.Headers.Get(HeaderNames.To), forwarded.Headers.Get(HeaderNames.To));
        Assert.Equal(invite.Body.ToArray(), forwarded.Body.ToArray());
        Assert.Equal(invite.Headers.Values(HeaderNames.Via), forwarded.Headers.Values(HeaderNames.Via));
    }

    [Fact]
    public void Forwarded_MaxForwardsZero_IsRefused()
    {
        Assert.Null(ProxyMessages.Forwarded(Invite("Max-Forwards: 70", "Max-Forwards: 0"), Us, Agent));
    }

    [Fact]
    public void Forwarded_NoMaxForwards_Gets70()
    {
        var forwarded = ProxyMessages.Forwarded(Invite("Max-Forwards: 70\r\n", ""), Us, Agent)!;

        Assert.Equal(ProxyMessages.DefaultMaxForwards, forwarded.MaxForwards);
    }

    [Theory]
    [InlineData("Route: <sip:gateway.example.com;lr>\r\nRoute: <sip:next.example.com;lr>\r\n")]
    [InlineData("Route: <sip:gateway.example.com:5060;lr>, <sip:next.example.com;lr>\r\n")]
    [InlineData("Route: <sip:gateway.example.com:5070;transport=tcp;lr>,<sip:next.example.com;lr>\r\n")]
    public void Forwarded_TopRouteIsOurs_IsRemoved_AndTheNextHopIsTheNextRoute(string routes)
    {
        var forwarded = ProxyMessages.Forwarded(Invite("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\n" + routes), Us)!;

        var remaining = Assert.Single(forwarded.Routes);
        Assert.Equal("sip:next.example.com;lr", remaining.Uri.ToString());
        Assert.Equal("next.example.com", ProxyMessages.NextHop(forwarded).Host);
    }

    [Fact]
    public void Forwarded_TopRouteIsAnothers_IsKept()
    {
        var forwarded = ProxyMessages.Forwarded(
            Invite("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nRoute: <sip:gateway.example.com:5999;lr>\r\n"), Us)!;

        Assert.Equal("sip:gateway.example.com:5999;lr", Assert.Single(forwarded.Routes).Uri.ToString());
    }

    [Fact]
    public void NextHop_WithoutRoute_IsTheRequestUri()
    {
        var forwarded = ProxyMessages.Forwarded(Invite(), Us, Agent)!;

        Assert.Same(forwarded.RequestUri, ProxyMessages.NextHop(forwarded));
    }

    [Theory]
    [InlineData(SipTransportKind.Udp, "<sip:gateway.example.com:5060;lr>")]
    [InlineData(SipTransportKind.Tcp, "<sip:gateway.example.com:5070;transport=tcp;lr>")]
    public void AddRecordRoute_PutsOurLooseRouteOnTop(SipTransportKind transport, string expected)
    {
        var invite = Invite();

        ProxyMessages.AddRecordRoute(invite, Us, transport, transport);

        Assert.Equal([expected, "<sip:sbc.example.com;lr>"], invite.Headers.Values(HeaderNames.RecordRoute));
    }

    [Fact]
    public void AddRecordRoute_LegsOnTwoTransports_RecordRoutesTwice_AndBothRoutesAreRemovedLater()
    {
        var invite = Invite();

        ProxyMessages.AddRecordRoute(invite, Us, outgoing: SipTransportKind.Udp, incoming: SipTransportKind.Tcp);
        var routeSet = invite.Headers.Values(HeaderNames.RecordRoute);
        var bye = Invite("INVITE sip:+4930123456@gateway.example.com", "BYE sip:+4917012345@pbx.example.com", "101 INVITE", "102 BYE",
            "Max-Forwards: 70\r\n", $"Max-Forwards: 70\r\nRoute: {routeSet[0]}, {routeSet[1]}, {routeSet[2]}\r\n");
        var forwarded = ProxyMessages.Forwarded(bye, Us)!;

        Assert.Equal(["<sip:gateway.example.com:5060;lr>", "<sip:gateway.example.com:5070;transport=tcp;lr>", "<sip:sbc.example.com;lr>"], routeSet);
        Assert.Equal("sip:sbc.example.com;lr", Assert.Single(forwarded.Routes).Uri.ToString());
    }

    [Fact]
    public void AddVia_PutsOurViaOnTop_WithANewRfc3261Branch()
    {
        var invite = Invite();

        var branch = ProxyMessages.AddVia(invite, Us, SipTransportKind.Tcp);
        var second = ProxyMessages.AddVia(Invite(), Us, SipTransportKind.Tcp);

        Assert.Equal(["gateway.example.com:5070", "pbx.example.com:5060"], invite.Vias.Select(v => v.SentBy));
        Assert.Equal("TCP", invite.TopVia!.Transport);
        Assert.Equal(branch, invite.TopVia.Branch);
        Assert.True(invite.TopVia.HasRfc3261Branch);
        Assert.NotEqual(branch, second);
    }

    [Theory]
    [InlineData("Via: SIP/2.0/UDP gateway.example.com:5060;branch=z9hG4bK-ours\r\nVia: SIP/2.0/UDP pbx.example.com:5060;branch=z9hG4bK-caller\r\n")]
    [InlineData("Via: SIP/2.0/UDP gateway.example.com:5060;branch=z9hG4bK-ours, SIP/2.0/UDP pbx.example.com:5060;branch=z9hG4bK-caller\r\n")]
    public void Upstream_RemovesOnlyOurViaOnTop(string vias)
    {
        var response = Assert.IsType<SipResponse>(new SipParser().Parse(SipText.Bytes(
            "SIP/2.0 180 Ringing", vias.TrimEnd('\r', '\n'), "From: <sip:a@pbx.example.com>;tag=1", "To: <sip:b@gateway.example.com>;tag=2",
            "Call-ID: c-1", "CSeq: 101 INVITE", "Content-Length: 0", "", ""), SipFraming.Datagram).Message);

        var upstream = ProxyMessages.Upstream(response);

        Assert.Equal("z9hG4bK-caller", Assert.Single(upstream.Vias).Branch);
        Assert.Equal((180, "Ringing", "c-1"), (upstream.StatusCode, upstream.ReasonPhrase, upstream.CallId));
        Assert.Equal(2, response.Vias.Count);
    }

    [Fact]
    public void Cancel_MatchesTheForwardedInvite()
    {
        var invite = ProxyMessages.Forwarded(Invite("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nRoute: <sip:proxy2.example.com;lr>\r\n"), Us, Agent)!;
        ProxyMessages.AddVia(invite, Us, SipTransportKind.Udp);

        var cancel = ProxyMessages.Cancel(invite);

        Assert.Equal(SipMethods.Cancel, cancel.Method);
        Assert.Equal(invite.RequestUri.ToString(), cancel.RequestUri.ToString());
        Assert.Equal(invite.Headers.Values(HeaderNames.Via)[0], Assert.Single(cancel.Headers.Values(HeaderNames.Via)));
        Assert.Equal(invite.Headers.Get(HeaderNames.From), cancel.Headers.Get(HeaderNames.From));
        Assert.Equal(invite.Headers.Get(HeaderNames.To), cancel.Headers.Get(HeaderNames.To));
        Assert.Equal(invite.CallId, cancel.CallId);
        Assert.Equal(new CSeqHeader(101, SipMethods.Cancel), cancel.CSeq);
        Assert.Equal(invite.Headers.Values(HeaderNames.Route), cancel.Headers.Values(HeaderNames.Route));
        Assert.True(cancel.Body.IsEmpty);
    }
}
