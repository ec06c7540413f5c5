using System.Text;
using Routing.Sip.Messages;
using Routing.Sip.Parsing;
using Xunit;

namespace Routing.Sip.Tests.Messages;

public sealed class SipSerializerTests
{
    [Fact]
    public void ParsedMessage_IsWrittenInCanonicalForm()
    {
        var bytes = SipText.Bytes(
            "OPTIONS sip:a@example.com SIP/2.0",
            "v:   SIP/2.0/UDP h.example.com;branch=z9hG4bK1",
            "f: <sip:b@example.com>;tag=1",
            "t:   sip:a@example.com",
            "call-id: c@h",
            "cseq: 1  OPTIONS",
            "l: 0",
            "",
            "");
        var message = new SipParser().Parse(bytes, SipFraming.Datagram).Message!;

        var text = Encoding.UTF8.GetString(SipSerializer.Serialize(message));

        Assert.Equal(string.Join("\r\n",
            "OPTIONS sip:a@example.com SIP/2.0",
            "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1",
            "From: <sip:b@example.com>;tag=1",
            "To: sip:a@example.com",
            "Call-ID: c@h",
            "CSeq: 1  OPTIONS",
            "Content-Length: 0",
            "",
            ""), text);
    }

    [Fact]
    public void ContentLength_IsComputedFromTheBody()
    {
        var response = new SipResponse(200, "OK") { Body = Encoding.UTF8.GetBytes("v=0\r\n") };
        response.Headers.Add(HeaderNames.ContentLength, "999");

        var text = Encoding.UTF8.GetString(SipSerializer.Serialize(response));

        Assert.Equal("SIP/2.0 200 OK\r\nContent-Length: 5\r\n\r\nv=0\r\n", text);
    }
}
