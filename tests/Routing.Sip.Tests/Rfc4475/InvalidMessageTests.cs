using Xunit;
using Routing.Sip.Messages;
using Routing.Sip.Parsing;

namespace Routing.Sip.Tests.Rfc4475;

/// <summary>RFC 4475 §3.1.2 (and the malformed cases of §3.3): every message is refused. A request whose top Via is
/// readable is answered (400, or 505 for the unknown version, as the RFC asks); a response is never answered.</summary>
public sealed class InvalidMessageTests
{
    [Theory]
    [InlineData("badinv01", "3.1.2.1 extraneous header field separators")]
    [InlineData("clerr", "3.1.2.2 Content-Length larger than the message")]
    [InlineData("ncl", "3.1.2.3 negative Content-Length")]
    [InlineData("scalar02", "3.1.2.4 request scalar fields with overlarge values")]
    [InlineData("quotbal", "3.1.2.6 unterminated quoted string in display name")]
    [InlineData("ltgtruri", "3.1.2.7 <> enclosing Request-URI")]
    [InlineData("lwsruri", "3.1.2.8 malformed Request-URI (embedded LWS)")]
    [InlineData("lwsstart", "3.1.2.9 multiple SP separating Request-Line elements")]
    [InlineData("trws", "3.1.2.10 SP at the end of the Request-Line")]
    [InlineData("escruri", "3.1.2.11 escaped headers in the Request-URI")]
    [InlineData("baddate", "3.1.2.12 invalid time zone in Date")]
    [InlineData("regbadct", "3.1.2.13 name-addr URI with '?' not in <>")]
    [InlineData("badaspec", "3.1.2.14 spaces within addr-spec")]
    [InlineData("baddn", "3.1.2.15 non-token characters in display name")]
    [InlineData("mismatch01", "3.1.2.17 start line and CSeq method mismatch")]
    [InlineData("mismatch02", "3.1.2.18 unknown method with CSeq method mismatch")]
    [InlineData("insuf", "3.3.1 missing required header fields")]
    [InlineData("multi01", "3.3.8 multiple values in single-value fields")]
    [InlineData("mcl01", "3.3.9 multiple Content-Length values")]
    public void MalformedRequest_IsRefusedWith400ThatCanBeSent(string name, string section)
    {
        var result = TortureMessages.Parse(name);

        Assert.False(result.IsSuccess, section);
        Assert.Equal(SipStatus.BadRequest, result.Error.StatusCode);
        Assert.True(result.Error.CanRespond, section);
        var response = SipResponses.FromParseError(result.Error);
        Assert.Equal(400, response.StatusCode);
        Assert.True(response.Headers.Contains(HeaderNames.Via));
    }

    [Fact]
    public void UnknownProtocolVersion_3_1_2_16_IsRefusedWith505()
    {
        var result = TortureMessages.Parse("badvers");

        Assert.False(result.IsSuccess);
        Assert.Equal(SipStatus.VersionNotSupported, result.Error.StatusCode);
        Assert.True(result.Error.CanRespond);
    }

    [Theory]
    [InlineData("scalarlg", "3.1.2.5 response scalar fields with overlarge values")]
    [InlineData("bigcode", "3.1.2.19 overlarge response code")]
    public void MalformedResponse_IsDroppedWithoutAnswer(string name, string section)
    {
        var result = TortureMessages.Parse(name);

        Assert.False(result.IsSuccess, section);
        Assert.False(result.Error.CanRespond, section);
    }

    [Fact]
    public void ContentLengthLargerThanMessage_OnAStream_IsRefusedToo()
    {
        var result = TortureMessages.Parse("clerr", SipFraming.Stream);

        Assert.False(result.IsSuccess);
        Assert.True(result.Error.CanRespond);
    }
}
