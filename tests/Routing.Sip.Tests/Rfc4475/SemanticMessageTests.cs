using Xunit;
using Routing.Sip.Messages;

namespace Routing.Sip.Tests.Rfc4475;

/// <summary>RFC 4475 §3.2–§3.4: well-formed messages whose problem is for a higher layer (the core answers them, see
/// <c>SipCoreTests</c>). The parser must accept them and read what that layer needs.</summary>
public sealed class SemanticMessageTests
{
    [Fact]
    public void BareMagicCookieBranch_3_2_1_ParsesButIsNoRfc3261Branch()
    {
        var request = TortureMessages.Request("badbranch");

        Assert.Equal(ViaHeader.MagicCookie, request.TopVia!.Branch);
        Assert.False(request.TopVia.HasRfc3261Branch);
    }

    [Theory]
    [InlineData("unkscm", "nobodyknowsthisscheme")]
    [InlineData("novelsc", "soap.beep")]
    public void UnknownRequestUriScheme_3_3_2_and_3_3_3_ParsesAsOpaqueUri(string name, string scheme)
    {
        var request = TortureMessages.Request(name);

        Assert.False(request.RequestUri.IsSip);
        Assert.Equal(scheme, request.RequestUri.Scheme);
    }

    [Fact]
    public void UnknownSchemesInHeaders_3_3_4_AreAccepted()
    {
        var request = TortureMessages.Request("unksm2");

        Assert.Equal("isbn", request.To!.Uri.Scheme);
        Assert.Equal("http", request.From!.Uri.Scheme);
        Assert.Equal("name", Assert.Single(request.Contacts).Uri.Scheme);
    }

    [Theory]
    [InlineData("bext01")]
    [InlineData("invut")]
    [InlineData("regaut01")]
    [InlineData("zeromf")]
    [InlineData("sdp01")]
    public void RequestForTheCore_3_3_Parses(string name) => TortureMessages.Request(name);

    [Fact]
    public void BroadcastViaResponse_3_3_10_Parses()
    {
        var response = TortureMessages.Response("bcast");

        Assert.Equal("255.255.255.255", response.Vias[1].Host);
    }

    [Fact]
    public void ContactWithoutBrackets_3_3_12_TakesTheParameterAsAHeaderParameter()
    {
        var contact = Assert.Single(TortureMessages.Request("cparam01").Contacts);

        Assert.True(contact.Parameters.Contains("unknownparam"));
        Assert.Empty(contact.Uri.Parameters);
    }

    [Fact]
    public void ContactWithBrackets_3_3_13_KeepsTheParameterInTheUri()
    {
        var contact = Assert.Single(TortureMessages.Request("cparam02").Contacts);

        Assert.True(contact.Uri.Parameters.Contains("unknownparam"));
        Assert.Empty(contact.Parameters);
    }

    [Fact]
    public void EscapedHeaderInContact_3_3_14_IsKeptInTheUri()
    {
        var contact = Assert.Single(TortureMessages.Request("regescrt").Contacts);

        Assert.Equal("Route=%3Csip:sip.example.com%3E", contact.Uri.Headers);
    }

    [Fact]
    public void Rfc2543Invite_3_4_1_IsAccepted()
    {
        var request = TortureMessages.Request("inv2543");

        Assert.Null(request.TopVia!.Branch);
        Assert.Null(request.MaxForwards);
        Assert.Equal("+16505552222", request.To!.Uri.User);
        Assert.Equal("phone", request.To.Parameters.Get("user"));
        Assert.True(request.Body.Length > 0);
    }

    [Fact]
    public void EveryArchivedMessage_IsCovered()
    {
        var covered = new[]
        {
            "wsinv", "intmeth", "esc01", "escnull", "esc02", "lwsdisp", "longreq", "dblreq", "semiuri", "transports",
            "mpart01", "unreason", "noreason", "badinv01", "clerr", "ncl", "scalar02", "scalarlg", "quotbal", "ltgtruri",
            "lwsruri", "lwsstart", "trws", "escruri", "baddate", "regbadct", "badaspec", "baddn", "badvers", "mismatch01",
            "mismatch02", "bigcode", "badbranch", "insuf", "unkscm", "novelsc", "unksm2", "bext01", "invut", "regaut01",
            "multi01", "mcl01", "bcast", "zeromf", "cparam01", "cparam02", "regescrt", "sdp01", "inv2543",
        };
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Rfc4475"), "*.dat").Select(Path.GetFileNameWithoutExtension);

        Assert.Equal(covered.Order(), files.Order()!);
    }
}
