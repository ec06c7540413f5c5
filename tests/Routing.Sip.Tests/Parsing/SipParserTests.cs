using System.Text;
using Routing.Sip.Messages;
using Routing.Sip.Parsing;
using Xunit;

namespace Routing.Sip.Tests.Parsing;

public sealed class SipParserTests
{
    private readonly SipParser _parser = new();

    [Fact]
    public void Invite_IsReadWithTypedHeaders()
    {
        var request = Assert.IsType<SipRequest>(_parser.Parse(SipText.Invite(), SipFraming.Stream).Message);

        Assert.Equal(SipMethods.Invite, request.Method);
        Assert.Equal("+4930123456", request.RequestUri.User);
        Assert.Equal("z9hG4bK-invite-1", request.TopVia!.Branch);
        Assert.True(request.TopVia.HasRport);
        Assert.Null(request.TopVia.Rport);
        Assert.Equal(5060, request.TopVia.Port);
        Assert.Equal("Customer", request.From!.DisplayName);
        Assert.Equal("caller-1", request.From.Tag);
        Assert.Null(request.To!.Tag);
        Assert.Equal(new CSeqHeader(101, SipMethods.Invite), request.CSeq);
        Assert.Equal(70, request.MaxForwards);
        Assert.Equal("udp", Assert.Single(request.Contacts).Uri.Transport);
        Assert.True(Assert.Single(request.RecordRoutes).Uri.Parameters.Contains("lr"));
        Assert.Equal(["INVITE", "ACK", "CANCEL", "BYE", "OPTIONS"], request.Headers.Values(HeaderNames.Allow));
        Assert.Equal(133, request.Body.Length);
    }

    [Fact]
    public void CompactForms_AreTheSameHeadersAsTheirFullNames()
    {
        var result = _parser.Parse(SipText.Bytes(
            "MESSAGE sip:a@example.com SIP/2.0",
            "v: SIP/2.0/TCP h.example.com;branch=z9hG4bK1",
            "f: <sip:b@example.com>;tag=1",
            "t: sip:a@example.com",
            "i: compact@h",
            "CSeq: 1 MESSAGE",
            "m: <sip:b@h.example.com>",
            "k: path",
            "c: text/plain",
            "s: hello",
            "e: gzip",
            "o: presence",
            "u: presence",
            "l: 2",
            "",
            "hi"), SipFraming.Stream);

        var request = Assert.IsType<SipRequest>(result.Message);
        Assert.Equal("compact@h", request.CallId);
        Assert.Equal("1", request.From!.Tag);
        Assert.Equal("text/plain", request.Headers.Get("content-type"));
        Assert.Equal(
            ["Via", "From", "To", "Call-ID", "CSeq", "Contact", "Supported", "Content-Type", "Subject", "Content-Encoding", "Event", "Allow-Events", "Content-Length"],
            request.Headers.Select(h => h.Name));
        Assert.Equal("hi", Encoding.UTF8.GetString(request.Body.Span));
    }

    [Fact]
    public void ListHeaders_SplitAtCommasButNotInsideQuotesOrBrackets()
    {
        var result = _parser.Parse(SipText.Bytes(
            "REGISTER sip:example.com SIP/2.0",
            "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/UDP b.example.com;branch=z9hG4bK2",
            "From: <sip:a@example.com>;tag=1",
            "To: <sip:a@example.com>",
            "Call-ID: lists@a",
            "CSeq: 1 REGISTER",
            "Contact: \"Smith, John\" <sip:a@h1.example.com>;x=\"1,2\", <sip:a,b@h2.example.com>;q=0.5",
            "Date: Sat, 13 Nov 2010 23:29:00 GMT",
            "Content-Length: 0",
            "",
            ""), SipFraming.Datagram);

        var request = Assert.IsType<SipRequest>(result.Message, exactMatch: false);
        Assert.Equal(["a.example.com", "b.example.com"], request.Vias.Select(v => v.Host));
        Assert.Equal(["Smith, John", null], request.Contacts.Select(c => c.DisplayName));
        Assert.Equal("0.5", request.Contacts[1].Parameters.Get("q"));
        Assert.Single(request.Headers.Values(HeaderNames.Date));
    }

    [Fact]
    public void StreamMessage_WithoutContentLength_IsRefused()
    {
        var bytes = SipText.Bytes("OPTIONS sip:a@example.com SIP/2.0", "Via: SIP/2.0/TCP h;branch=z9hG4bK1", "From: <sip:b@h>;tag=1",
            "To: <sip:a@example.com>", "Call-ID: x@h", "CSeq: 1 OPTIONS", "", "");

        var stream = _parser.Parse(bytes, SipFraming.Stream);
        var datagram = _parser.Parse(bytes, SipFraming.Datagram);

        Assert.False(stream.IsSuccess);
        Assert.True(stream.Error.CanRespond);
        Assert.True(datagram.IsSuccess);
    }

    [Fact]
    public void MessageLargerThanTheLimit_IsRefusedWith513()
    {
        var parser = new SipParser(new SipParserOptions { MaxMessageSize = 1024 });
        var body = new string('x', 2000);
        var bytes = SipText.Bytes("MESSAGE sip:a@example.com SIP/2.0", "Via: SIP/2.0/UDP h;branch=z9hG4bK1", "From: <sip:b@h>;tag=1",
            "To: <sip:a@example.com>", "Call-ID: x@h", "CSeq: 1 MESSAGE", $"Content-Length: {body.Length}", "", body);

        var result = parser.Parse(bytes, SipFraming.Datagram);

        Assert.Equal(SipStatus.MessageTooLarge, result.Error!.StatusCode);
        Assert.True(result.Error.CanRespond);
    }

    [Fact]
    public void TooManyHeaders_AreRefused()
    {
        var lines = new List<string> { "OPTIONS sip:a@example.com SIP/2.0", "Via: SIP/2.0/UDP h;branch=z9hG4bK1" };
        lines.AddRange(Enumerable.Range(0, 200).Select(i => $"X-Filler-{i}: {i}"));
        lines.AddRange(["", ""]);

        var result = _parser.Parse(SipText.Bytes([.. lines]), SipFraming.Datagram);

        Assert.Equal("Too many headers", result.Error!.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    [InlineData("OPTIONS sip:a@example.com SIP/2.0\r\n")]
    [InlineData("OPTIONS sip:a@example.com SIP/2.0\nVia: SIP/2.0/UDP h\n\n")]
    [InlineData("OPTIONS sip:a@example.com SIP/2.0\r\n Via: SIP/2.0/UDP h\r\n\r\n")]
    [InlineData("OPTIONS sip:a@example.com SIP/2.0\r\nNo colon here\r\n\r\n")]
    [InlineData("SIP/2.0 20 OK\r\n\r\n")]
    [InlineData("SIP/2.0 200\r\n\r\n")]
    public void GarbageOrBrokenFraming_IsRefusedWithoutAnswer(string text)
    {
        var result = _parser.Parse(Encoding.UTF8.GetBytes(text), SipFraming.Datagram);

        Assert.False(result.IsSuccess);
        Assert.False(result.Error.CanRespond);
    }

    [Fact]
    public void InvalidUtf8InHeaders_IsRefused()
    {
        var bytes = SipText.Options().ToList();
        bytes.InsertRange(bytes.IndexOf((byte)'\r'), new byte[] { 0xC3, 0x28 });

        Assert.Equal("Header section is not UTF-8", _parser.Parse(bytes.ToArray(), SipFraming.Datagram).Error!.Reason);
    }

    [Fact]
    public void LeadingCrLfs_AreIgnored()
    {
        var bytes = Encoding.UTF8.GetBytes("\r\n\r\n").Concat(SipText.Options()).ToArray();

        Assert.True(_parser.Parse(bytes, SipFraming.Stream).IsSuccess);
    }
}
