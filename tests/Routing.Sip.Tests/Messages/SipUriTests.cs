using Routing.Sip.Messages;
using Xunit;

namespace Routing.Sip.Tests.Messages;

public sealed class SipUriTests
{
    [Fact]
    public void FullSipsUri_IsReadIntoItsParts()
    {
        var uri = SipUri.Parse("sips:alice:secret@[2001:db8::10]:5061;transport=tcp;lr;maddr=239.255.255.1?subject=project%20x&priority=urgent");

        Assert.Equal("sips", uri.Scheme);
        Assert.Equal("alice", uri.User);
        Assert.Equal("secret", uri.Password);
        Assert.Equal("[2001:db8::10]", uri.Host);
        Assert.Equal(5061, uri.Port);
        Assert.Equal("tcp", uri.Transport);
        Assert.True(uri.Parameters.Contains("LR"));
        Assert.Null(uri.Parameters.Get("lr"));
        Assert.Equal("239.255.255.1", uri.Parameters.Get("maddr"));
        Assert.Equal("subject=project%20x&priority=urgent", uri.Headers);
        Assert.Equal("sips:alice:secret@[2001:db8::10]:5061;transport=tcp;lr;maddr=239.255.255.1?subject=project%20x&priority=urgent", uri.ToString());
    }

    [Theory]
    [InlineData("SIP:Bob@Example.COM", "sip", "Bob", "Example.COM", null)]
    [InlineData("sip:example.com", "sip", null, "example.com", null)]
    [InlineData("sip:192.0.2.4:5060", "sip", null, "192.0.2.4", 5060)]
    [InlineData("sip:%61lice@h", "sip", "%61lice", "h", null)]
    public void SipUris_AreRead(string text, string scheme, string? user, string host, int? port)
    {
        Assert.True(SipUri.TryParse(text, out var uri));
        Assert.Equal((scheme, user, host, port), (uri.Scheme, uri.User, uri.Host, uri.Port));
    }

    [Theory]
    [InlineData("sip:")]
    [InlineData("sip:@example.com")]
    [InlineData("sip:a@")]
    [InlineData("sip:a@exa mple.com")]
    [InlineData("sip:a@example.com:70000")]
    [InlineData("sip:a@[2001:db8::1")]
    [InlineData("sip:a@[192.0.2.1]")]
    [InlineData("sip:a%4@example.com")]
    [InlineData("sip:a@-bad-.example.com")]
    [InlineData("sip:a@example.com;=x")]
    [InlineData("sip:a@example.com?noequals")]
    [InlineData("sip:a<b@example.com")]
    [InlineData(":nothing")]
    [InlineData("1abc:x")]
    [InlineData("tel:")]
    [InlineData("http://a b")]
    public void MalformedUris_AreRefused(string text) => Assert.False(SipUri.TryParse(text, out _));

    [Fact]
    public void OtherSchemes_AreKeptOpaque()
    {
        var uri = SipUri.Parse("tel:+1-201-555-0123;phone-context=example.com");

        Assert.False(uri.IsSip);
        Assert.Equal("tel", uri.Scheme);
        Assert.Equal("+1-201-555-0123;phone-context=example.com", uri.Opaque);
        Assert.Equal("tel:+1-201-555-0123;phone-context=example.com", uri.ToString());
    }

    [Fact]
    public void EscapedUser_IsDecodedAsUtf8()
    {
        Assert.Equal("J\u00fcrgen M", SipUri.Parse("sip:J%C3%BCrgen%20M@example.com").UserUnescaped);
    }
}
