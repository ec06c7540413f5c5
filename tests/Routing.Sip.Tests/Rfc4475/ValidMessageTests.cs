using Xunit;
using System.Text;
using Routing.Sip.Messages;
using Routing.Sip.Parsing;

namespace Routing.Sip.Tests.Rfc4475;

/// <summary>RFC 4475 §3.1.1: valid messages, each parsed with the values the RFC says an element must read from it.</summary>
public sealed class ValidMessageTests
{
    [Fact]
    public void ShortTortuousInvite_3_1_1_1_ReadsEveryFoldedAndSpacedValue()
    {
        var request = TortureMessages.Request("wsinv");

        Assert.Equal("INVITE", request.Method);
        Assert.Equal("sip:vivekg@chair-dnrc.example.com;unknownparam", request.RequestUri.ToString());
        Assert.Equal("1918181833n", request.To!.Tag);
        Assert.Equal("sip:vivekg@chair-dnrc.example.com", request.To.Uri.ToString());
        Assert.Equal("J Rosenberg \\\"", request.From!.DisplayName);
        Assert.Equal("98asjd8", request.From.Tag);
        Assert.Equal(68, request.MaxForwards);
        Assert.Equal("wsinv.ndaksdj@192.0.2.1", request.CallId);
        Assert.Equal(new CSeqHeader(9, "INVITE"), request.CSeq);
        Assert.Equal(
            [("UDP", "192.0.2.2", "390skdjuw"), ("TCP", "spindle.example.com", "z9hG4bK9ikj8"), ("UDP", "192.168.255.111", "z9hG4bK30239")],
            request.Vias.Select(v => (v.Transport, v.Host, v.Branch!)));
        Assert.Equal(string.Empty, request.Headers.Get("Subject"));
        Assert.Equal("newfangled value continued newfangled value", request.Headers.Get("NewFangledHeader"));
        Assert.Equal(";;,,;;,;", request.Headers.Get("UnknownHeaderWithUnusualValue"));
        Assert.Equal("sip:services.example.com;lr;unknownwith=value;unknown-no-value", Assert.Single(request.Routes).Uri.ToString());
        var contact = Assert.Single(request.Contacts);
        Assert.Equal("Quoted string \"\"", contact.DisplayName);
        Assert.Equal("newvalue", contact.Parameters.Get("newparam"));
        Assert.True(contact.Parameters.Contains("secondparam"));
        Assert.Equal("0.33", contact.Parameters.Get("q"));
        Assert.Equal("application/sdp", request.ContentType);
        Assert.Equal(150, request.Body.Length);
    }

    [Fact]
    public void WideRangeOfValidCharacters_3_1_1_2_KeepsEveryTokenAndEscape()
    {
        var request = TortureMessages.Request("intmeth");

        Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", request.Method);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", request.RequestUri.User);
        Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", request.RequestUri.Password);
        Assert.Equal("example.com", request.RequestUri.Host);
        Assert.Equal("z9hG4bK-.!%66*_+`'~", request.TopVia!.Branch);
        Assert.Equal("BEL:\a NUL:\0 DEL:\x7f", request.To!.DisplayName);
        Assert.Equal("token1~` token2'+_ token3*%!.-", request.From!.DisplayName);
        Assert.Equal("_token~1'+`*%!-.", request.From.Tag);
        Assert.Equal("\"\u0440\u0430\u0431\u043e\u0442\u0430\u044e\u0449\u0438\u0439\"", request.From.Parameters.Get("fromParam''~+*_!.-%"));
        Assert.Equal("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", request.CallId);
        Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", request.CSeq!.Method);
        Assert.Equal(255, request.MaxForwards);
        Assert.Equal("\uFEFF\u5927\u505C\u96FB", request.Headers.Get("extensionHeader-!.%*+_`'~"));
    }

    [Fact]
    public void ValidUseOfEscaping_3_1_1_3_UnescapesUserParts()
    {
        var request = TortureMessages.Request("esc01");

        Assert.Equal("sips:user@example.com", request.RequestUri.UserUnescaped);
        Assert.Equal("example.net", request.RequestUri.Host);
        Assert.Equal("user", request.To!.Uri.UserUnescaped);
        Assert.Equal("I have spaces", request.From!.Uri.UserUnescaped);
        Assert.Equal("esc01.239409asdfakjkn23onasd0-3234", request.CallId);
        var contact = Assert.Single(request.Contacts);
        Assert.Equal("caller", contact.Uri.UserUnescaped);
        Assert.Equal("v%61lue%25%34%31", contact.Uri.Parameters.Get("n%61me"));
    }

    [Fact]
    public void EscapedNulls_3_1_1_4_AreKeptInTheUser()
    {
        var request = TortureMessages.Request("escnull");

        Assert.Equal("null-\0-null", request.To!.Uri.UserUnescaped);
        Assert.Equal(["\0", "\0\0"], request.Contacts.Select(c => c.Uri.UserUnescaped!));
    }

    [Fact]
    public void PercentThatIsNotAnEscape_3_1_1_5_IsPartOfTokens()
    {
        var request = TortureMessages.Request("esc02");

        Assert.Equal("RE%47IST%45R", request.Method);
        Assert.Equal(["alias1", "alias3"], request.Contacts.Select(c => c.Uri.User!));
        Assert.Equal("<sip:alias2@host2.example.com>", request.Headers.Get("C%6Fntact"));
        Assert.Equal("%Z%45", request.To!.DisplayName);
    }

    [Fact]
    public void NoWhitespaceBeforeAngleBracket_3_1_1_6_ReadsTheDisplayName()
    {
        var request = TortureMessages.Request("lwsdisp");

        Assert.Equal("caller", request.From!.DisplayName);
        Assert.Equal("323", request.From.Tag);
    }

    [Fact]
    public void LongValues_3_1_1_7_AreReadInFull()
    {
        var request = TortureMessages.Request("longreq");

        Assert.Equal(34, request.Vias.Count);
        Assert.Equal("sip33.example.com", request.TopVia!.Host);
        Assert.StartsWith("longreq.onereallyreallyreally", request.CallId, StringComparison.Ordinal);
        Assert.StartsWith("amazinglylongcallername", request.From!.Uri.User, StringComparison.Ordinal);
        Assert.Equal(6000, request.To!.Uri.Port);
        Assert.Equal(request.ContentLength, request.Body.Length);
    }

    [Fact]
    public void TwoRequestsInOneDatagram_3_1_1_8_OnlyTheFirstIsRead()
    {
        var request = TortureMessages.Request("dblreq");

        Assert.Equal("REGISTER", request.Method);
        Assert.Equal(0, request.Body.Length);
    }

    [Fact]
    public void SemicolonInUser_3_1_1_9_StaysInTheUser()
    {
        var request = TortureMessages.Request("semiuri");

        Assert.Equal("user;par=u%40example.net", request.RequestUri.User);
        Assert.Equal("example.com", request.RequestUri.Host);
        Assert.Empty(request.RequestUri.Parameters);
        Assert.Equal(6, request.Headers.Values(HeaderNames.Accept).Count);
    }

    [Fact]
    public void VariedTransports_3_1_1_10_AreAllRead()
    {
        var request = TortureMessages.Request("transports");

        Assert.Equal(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"], request.Vias.Select(v => v.Transport));
        Assert.Equal("transports.kijh4akdnaqjkwendsasfdj", request.CallId);
    }

    [Fact]
    public void MultipartBody_3_1_1_11_IsKeptByteForByte()
    {
        var bytes = TortureMessages.Load("mpart01");
        var request = TortureMessages.Request("mpart01");

        Assert.Equal("MESSAGE", request.Method);
        Assert.StartsWith("multipart/mixed", request.ContentType, StringComparison.Ordinal);
        Assert.Equal(request.ContentLength, request.Body.Length);
        Assert.True(bytes.AsSpan().EndsWith(request.Body.Span));
    }

    [Fact]
    public void Utf8ReasonPhrase_3_1_1_12_IsRead()
    {
        var response = TortureMessages.Response("unreason");

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("= 2**3 * 5**2 \u043d\u043e", response.ReasonPhrase, StringComparison.Ordinal);
        Assert.Equal(154, response.Body.Length);
    }

    [Fact]
    public void EmptyReasonPhrase_3_1_1_13_IsRead()
    {
        var response = TortureMessages.Response("noreason");

        Assert.Equal(100, response.StatusCode);
        Assert.Equal(string.Empty, response.ReasonPhrase);
        Assert.Equal("902jndnke3", response.To!.Tag);
    }

    [Theory]
    [InlineData("wsinv")]
    [InlineData("intmeth")]
    [InlineData("esc01")]
    [InlineData("longreq")]
    [InlineData("mpart01")]
    [InlineData("unreason")]
    public void ValidMessage_SerializedAndParsedAgain_KeepsItsValues(string name)
    {
        var message = TortureMessages.Parse(name).Message!;

        var again = new SipParser().Parse(SipSerializer.Serialize(message), SipFraming.Stream);

        Assert.True(again.IsSuccess, again.ToString());
        Assert.Equal(message.Headers.Where(h => h.Name != HeaderNames.ContentLength), again.Message.Headers.Where(h => h.Name != HeaderNames.ContentLength));
        Assert.Equal(message.Body.ToArray(), again.Message.Body.ToArray());
        Assert.Equal(message.ToString(), again.Message.ToString());
        Assert.True(Encoding.UTF8.GetString(SipSerializer.Serialize(message)).Contains("\r\n\r\n", StringComparison.Ordinal));
    }
}
