using Routing.Sip.Messages;
using Routing.Sip.Parsing;
using Xunit;

namespace Routing.Sip.Tests.Messages;

/// <summary>RFC 3261 §8.2.6: what a response copies from its request.</summary>
public sealed class SipResponsesTests
{
    private static SipRequest Invite()
    {
        var request = (SipRequest)new SipParser().Parse(SipText.Invite(), SipFraming.Stream).Message!;
        request.Headers.AddFirst(HeaderNames.Via, "SIP/2.0/UDP proxy.example.com;branch=z9hG4bK-proxy");
        request.Headers.Add(HeaderNames.Timestamp, "54");
        return request;
    }

    [Fact]
    public void FinalResponse_CopiesViasFromToCallIdCSeq_AndAddsAToTag()
    {
        var request = Invite();

        var response = SipResponses.Create(request, 486, toTag: "agent-1");

        Assert.Equal("Busy Here", response.ReasonPhrase);
        Assert.Equal(["proxy.example.com", "pbx.example.com"], response.Vias.Select(v => v.Host));
        Assert.Equal(request.Headers.Get(HeaderNames.From), response.Headers.Get(HeaderNames.From));
        Assert.Equal("agent-1", response.To!.Tag);
        Assert.Equal(request.CallId, response.CallId);
        Assert.Equal(request.CSeq, response.CSeq);
        Assert.False(response.Headers.Contains(HeaderNames.Timestamp));
        Assert.Equal([HeaderNames.Via, HeaderNames.Via, HeaderNames.From, HeaderNames.To, HeaderNames.CallId, HeaderNames.CSeq], response.Headers.Select(h => h.Name));
    }

    [Fact]
    public void Trying_HasNoToTag_AndCopiesTimestamp()
    {
        var response = SipResponses.Create(Invite(), SipStatus.Trying);

        Assert.Null(response.To!.Tag);
        Assert.Equal("54", response.Headers.Get(HeaderNames.Timestamp));
    }

    [Fact]
    public void RequestWithToTag_KeepsIt()
    {
        var request = Invite();
        request.Headers.Set(HeaderNames.To, "<sip:+4930123456@gateway.example.com>;tag=existing");

        Assert.Equal("existing", SipResponses.Create(request, 200).To!.Tag);
    }

    [Fact]
    public void NewTagsAndBranches_AreRandomAndBranchesCarryTheCookie()
    {
        Assert.NotEqual(SipResponses.NewTag(), SipResponses.NewTag());
        Assert.StartsWith(ViaHeader.MagicCookie, SipResponses.NewBranch(), StringComparison.Ordinal);
        Assert.True(new ViaHeader("udp", "h", null, SipResponses.NewBranch()).HasRfc3261Branch);
    }
}
