using Routing.Sip.Core;
using Routing.Sip.Messages;
using Routing.Sip.Parsing;
using Routing.Sip.Tests.Rfc4475;
using Routing.Sip.Tests.Transactions;
using Routing.Sip.Transactions;
using Xunit;

namespace Routing.Sip.Tests.Core;

/// <summary>The UAS core's answers (RFC 3261 §8.2, §11), including what RFC 4475 §3.3 expects of the application layer.</summary>
public sealed class SipCoreTests
{
    private readonly RecordingFlow _flow = new();
    private readonly AnsweringInvites _invites = new();
    private readonly TransactionHarness _harness;

    public SipCoreTests()
    {
        _harness = new TransactionHarness(new SipCore(new SipCoreOptions { Supported = ["replaces"] }, [_invites]));
    }

    private SipResponse Answer(byte[] request)
    {
        var parsed = new SipParser().Parse(request, SipFraming.Datagram);
        Assert.True(parsed.IsSuccess, parsed.ToString());
        _harness.Receive(parsed.Message, _flow);
        return Assert.Single(_flow.Responses);
    }

    [Fact]
    public void Options_Gets200WithAllowAcceptAndSupported()
    {
        var response = Answer(SipText.Options());

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(["INVITE", "ACK", "CANCEL", "BYE", "OPTIONS"], response.Headers.Values(HeaderNames.Allow));
        Assert.Equal("application/sdp", response.Headers.Get(HeaderNames.Accept));
        Assert.Equal("replaces", response.Headers.Get(HeaderNames.Supported));
        Assert.NotNull(response.To!.Tag);
    }

    [Fact]
    public void Options_IsAnsweredStatelessly_ARetransmissionGetsTheSameAnswer_AndNothingIsKept()
    {
        var first = Answer(SipText.Options());
        var parsed = new SipParser().Parse(SipText.Options(), SipFraming.Datagram);
        _harness.Receive(parsed.Message!, _flow);
        var again = _flow.Responses[^1];

        Assert.Equal((200, first.To!.Tag), (again.StatusCode, again.To!.Tag));
        Assert.Equal(0, _harness.Layer.ServerTransactionCount);
    }

    [Fact]
    public void OptionsWithMaxForwardsZero_3_3_11_IsStillAnswered()
    {
        Assert.Equal(200, Answer(TortureMessages.Load("zeromf")).StatusCode);
    }

    [Fact]
    public void InviteWithMaxForwardsZero_Gets483()
    {
        var invite = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(SipText.Invite()).Replace("Max-Forwards: 70", "Max-Forwards: 0", StringComparison.Ordinal));

        Assert.Equal(483, Answer(invite).StatusCode);
        Assert.Empty(_invites.Received);
    }

    [Theory]
    [InlineData("esc02")]
    [InlineData("regaut01")]
    public void MethodNobodyServes_Gets405WithAllow(string name)
    {
        var response = Answer(TortureMessages.Load(name));

        Assert.Equal(405, response.StatusCode);
        Assert.Contains("OPTIONS", response.Headers.Values(HeaderNames.Allow));
    }

    [Fact]
    public void ByeOutsideAnyDialog_Gets481()
    {
        var bye = SipText.Bytes("BYE sip:gateway@example.com SIP/2.0", "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK-bye", "Max-Forwards: 70",
            "From: <sip:a@example.com>;tag=a", "To: <sip:gateway@example.com>;tag=gone", "Call-ID: ended@h", "CSeq: 2 BYE", "Content-Length: 0", "", "");

        Assert.Equal(481, Answer(bye).StatusCode);
    }

    [Theory]
    [InlineData("unkscm")]
    [InlineData("novelsc")]
    public void UnknownRequestUriScheme_3_3_2_and_3_3_3_Gets416(string name) => Assert.Equal(416, Answer(TortureMessages.Load(name)).StatusCode);

    [Fact]
    public void UnsupportedRequire_3_3_5_Gets420ListingTheTags()
    {
        var response = Answer(TortureMessages.Load("bext01"));

        Assert.Equal(420, response.StatusCode);
        Assert.Equal(["nothingSupportsThis", "nothingSupportsThisEither"], response.Headers.Values(HeaderNames.Unsupported));
    }

    [Fact]
    public void UnknownContentType_3_3_6_Gets415WithAccept()
    {
        var response = Answer(TortureMessages.Load("invut"));

        Assert.Equal(415, response.StatusCode);
        Assert.Equal("application/sdp", response.Headers.Get(HeaderNames.Accept));
        Assert.Empty(_invites.Received);
    }

    [Fact]
    public void InviteAcceptingNoSdp_3_3_15_Gets406()
    {
        Assert.Equal(406, Answer(TortureMessages.Load("sdp01")).StatusCode);
    }

    [Fact]
    public void Rfc2543Invite_3_4_1_ReachesTheHandler()
    {
        Assert.Equal(486, Answer(TortureMessages.Load("inv2543")).StatusCode);
        Assert.Single(_invites.Received);
    }

    [Fact]
    public void HandlerThatThrows_Gets500()
    {
        var core = new SipCore(new SipCoreOptions(), [new FailingInvites()]);
        var harness = new TransactionHarness(core);

        harness.Receive(SipText.Invite(), _flow);

        Assert.Equal(500, Assert.Single(_flow.Responses).StatusCode);
    }

    /// <summary>An INVITE handler that answers every INVITE with 486 (as a full queue would).</summary>
    private sealed class AnsweringInvites : ISipRequestHandler
    {
        public List<SipRequest> Received { get; } = [];

        public string Method => SipMethods.Invite;

        public void OnRequest(ServerTransaction transaction)
        {
            Received.Add(transaction.Request);
            transaction.Respond(486);
        }
    }

    private sealed class FailingInvites : ISipRequestHandler
    {
        public string Method => SipMethods.Invite;

        public void OnRequest(ServerTransaction transaction) => throw new InvalidOperationException("handler bug");
    }
}
