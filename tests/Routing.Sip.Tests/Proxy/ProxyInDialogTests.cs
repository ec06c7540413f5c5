using Routing.Sip.Messages;
using Routing.Sip.Proxy;
using Routing.Sip.Tests.Transport;
using Routing.Sip.Transactions;
using Xunit;

namespace Routing.Sip.Tests.Proxy;

/// <summary>Requests of a record-routed dialog (their top Route names the proxy) and a 2xx's retransmissions, between a
/// caller and a phone on UDP sockets of 127.0.0.1.</summary>
public sealed class ProxyInDialogTests : IAsyncDisposable
{
    private readonly ProxyLoopback _loop = new();

    private UdpPeer Caller => _loop.Caller;

    private UdpPeer Phone => _loop.Phone;

    private SipServer Server => _loop.Server;

    private string OurRoute => $"Route: <sip:127.0.0.1:{_loop.Proxy.Port};lr>";

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private string[] CallerRequest(string method, string branch, int maxForwards = 70) =>
    [
        $"{method} sip:agent@127.0.0.1:{Phone.Port} SIP/2.0",
        $"Via: SIP/2.0/UDP 127.0.0.1:{Caller.Port};branch={branch}",
        OurRoute,
        $"Max-Forwards: {maxForwards}",
        "From: <sip:caller@127.0.0.1>;tag=caller-1",
        "To: <sip:agent@127.0.0.1>;tag=phone-1",
        $"Call-ID: {ProxyLoopback.CallId}",
        $"CSeq: 2 {method}",
    ];

    [Fact]
    public async Task Bye_RoutedThroughUs_IsForwardedWithoutOurRoute_AndItsAnswerComesBack()
    {
        await Caller.Send(_loop.Proxy, CallerRequest(SipMethods.Bye, "z9hG4bK-bye-1"));

        var bye = await Phone.Receive<SipRequest>();
        Assert.Empty(bye.Routes);
        Assert.Equal(69, bye.MaxForwards);
        Assert.Equal([$"127.0.0.1:{_loop.Proxy.Port}", $"127.0.0.1:{Caller.Port}"], bye.Vias.Select(v => v.SentBy));
        await Phone.Send(_loop.Proxy, ProxyLoopback.Answer(bye, "200 OK"));

        var ok = await Caller.Receive<SipResponse>();
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("z9hG4bK-bye-1", Assert.Single(ok.Vias).Branch);
    }

    [Fact]
    public async Task ReInvite_CancelledByTheCaller_IsCancelledHopByHop_WithoutTheGatewaysHandler()
    {
        await Caller.Send(_loop.Proxy, CallerRequest(SipMethods.Invite, "z9hG4bK-reinvite-1"));
        var reInvite = await Phone.Receive<SipRequest>();
        await Phone.Send(_loop.Proxy, ProxyLoopback.Answer(reInvite, "180 Ringing"));
        var ringing = await Caller.Receive<SipResponse>();

        await Caller.Send(_loop.Proxy,
        [
            $"CANCEL sip:agent@127.0.0.1:{Phone.Port} SIP/2.0",
            $"Via: SIP/2.0/UDP 127.0.0.1:{Caller.Port};branch=z9hG4bK-reinvite-1",
            OurRoute,
            "Max-Forwards: 70",
            "From: <sip:caller@127.0.0.1>;tag=caller-1",
            "To: <sip:agent@127.0.0.1>;tag=phone-1",
            $"Call-ID: {ProxyLoopback.CallId}",
            "CSeq: 2 CANCEL",
        ]);
        var cancelAnswered = await Caller.Receive<SipResponse>();
        var reInviteAnswered = await Caller.Receive<SipResponse>();
        var cancel = await Phone.ReceiveRequestOtherThan(SipMethods.Invite);

        Assert.Equal(SipMethods.Invite, reInvite.Method);
        Assert.Empty(reInvite.Headers.Values(HeaderNames.RecordRoute));
        Assert.Equal(180, ringing.StatusCode);
        Assert.Equal((200, 487), (cancelAnswered.StatusCode, reInviteAnswered.StatusCode));
        Assert.Equal((SipMethods.Cancel, reInvite.TopVia!.Branch), (cancel.Method, cancel.TopVia!.Branch));
        Assert.False(_loop.Gateway.Cancelled.IsCompleted, "the gateway's INVITE handler was told of a re-INVITE it never saw");
    }

    [Fact]
    public async Task Bye_WithNoHopsLeft_Gets483_AndIsNotForwarded()
    {
        await Caller.Send(_loop.Proxy, CallerRequest(SipMethods.Bye, "z9hG4bK-bye-0", maxForwards: 0));

        var refused = await Caller.Receive<SipResponse>();

        Assert.Equal(SipStatus.TooManyHops, refused.StatusCode);
        Assert.Equal(0, Server.Proxy.PendingBranchCount);
    }

    [Fact]
    public async Task Refer_TheObserverAnswers_IsNotForwarded()
    {
        var observer = new ReferTaker();
        Server.Proxy.Observe(ProxyLoopback.CallId, observer);

        await Caller.Send(_loop.Proxy, [.. CallerRequest(SipMethods.Refer, "z9hG4bK-refer-1"), "Refer-To: <sip:queue-2@gateway>"]);
        var accepted = await Caller.Receive<SipResponse>();
        await Caller.Send(_loop.Proxy, CallerRequest(SipMethods.Bye, "z9hG4bK-bye-2"));
        var next = await Phone.Receive<SipRequest>();

        Assert.Equal(202, accepted.StatusCode);
        Assert.Equal("<sip:queue-2@gateway>", observer.Refer?.Request.Headers.Get("Refer-To"));
        Assert.Equal(SipMethods.Bye, next.Method);
        Assert.True(Server.Proxy.Forget(ProxyLoopback.CallId));
    }

    [Fact]
    public async Task Answer_ItsRetransmissionsReachTheCaller_AfterTheClientTransactionEnded()
    {
        var invite = await _loop.InviteReachesPhone();
        Assert.Equal($"<sip:127.0.0.1:{_loop.Proxy.Port};lr>", Assert.Single(invite.Headers.Values(HeaderNames.RecordRoute)));
        Assert.Equal("interaction-1", invite.Headers.Get("X-Interaction"));

        var answer = ProxyLoopback.Answer(invite, "200 OK");
        await Phone.Send(_loop.Proxy, answer);
        var first = await Caller.Receive<SipResponse>();
        var branch = await (await _loop.Gateway.Forked).Completion.WaitAsync(LoopbackSipServer.Deadline());
        await Phone.Send(_loop.Proxy, answer);
        var retransmitted = await Caller.Receive<SipResponse>();

        Assert.Equal(ProxyBranchOutcome.Answered, branch.Outcome);
        Assert.Equal((200, 200), (first.StatusCode, retransmitted.StatusCode));
        Assert.Equal("z9hG4bK-invite-1", Assert.Single(retransmitted.Vias).Branch);
        Assert.Equal("phone-1", retransmitted.To?.Tag);
    }

    /// <summary>Accepts transfers itself, as the gateway does.</summary>
    private sealed class ReferTaker : ISipDialogObserver
    {
        public ServerTransaction? Refer { get; private set; }

        public InDialogAction OnRefer(ServerTransaction refer)
        {
            Refer = refer;
            refer.Respond(202);
            return InDialogAction.Answered;
        }
    }
}
