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
    private const string CallId = "dialog-1@pbx.example.com";

    private readonly UdpPeer _caller = new();
    private readonly UdpPeer _phone = new();
    private readonly TestGateway _gateway;
    private readonly SipServer _server;

    public ProxyInDialogTests()
    {
        _gateway = new TestGateway(SipUri.Parse($"sip:agent@127.0.0.1:{_phone.Port}"));
        _server = LoopbackSipServer.Start(handlers: _gateway);
        _gateway.Server = _server;
    }

    private string OurRoute => $"Route: <sip:127.0.0.1:{_server.Udp!.LocalEndPoint.Port};lr>";

    public async ValueTask DisposeAsync()
    {
        _caller.Dispose();
        _phone.Dispose();
        await _server.DisposeAsync();
    }

    private string[] CallerRequest(string method, string branch, int maxForwards = 70) =>
    [
        $"{method} sip:agent@127.0.0.1:{_phone.Port} SIP/2.0",
        $"Via: SIP/2.0/UDP 127.0.0.1:{_caller.Port};branch={branch}",
        OurRoute,
        $"Max-Forwards: {maxForwards}",
        "From: <sip:caller@127.0.0.1>;tag=caller-1",
        "To: <sip:agent@127.0.0.1>;tag=phone-1",
        $"Call-ID: {CallId}",
        $"CSeq: 2 {method}",
    ];

    [Fact]
    public async Task Bye_RoutedThroughUs_IsForwardedWithoutOurRoute_AndItsAnswerComesBack()
    {
        await _caller.Send(_server.Udp!.LocalEndPoint, CallerRequest(SipMethods.Bye, "z9hG4bK-bye-1"));

        var bye = await _phone.Receive<SipRequest>();
        Assert.Empty(bye.Routes);
        Assert.Equal(69, bye.MaxForwards);
        Assert.Equal([$"127.0.0.1:{_server.Udp.LocalEndPoint.Port}", $"127.0.0.1:{_caller.Port}"], bye.Vias.Select(v => v.SentBy));
        await _phone.Send(_server.Udp.LocalEndPoint, Answer(bye, "200 OK"));

        var ok = await _caller.Receive<SipResponse>();
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("z9hG4bK-bye-1", Assert.Single(ok.Vias).Branch);
    }

    [Fact]
    public async Task Bye_WithNoHopsLeft_Gets483_AndIsNotForwarded()
    {
        await _caller.Send(_server.Udp!.LocalEndPoint, CallerRequest(SipMethods.Bye, "z9hG4bK-bye-0", maxForwards: 0));

        var refused = await _caller.Receive<SipResponse>();

        Assert.Equal(SipStatus.TooManyHops, refused.StatusCode);
        Assert.Equal(0, _server.Proxy.PendingBranchCount);
    }

    [Fact]
    public async Task Refer_TheObserverAnswers_IsNotForwarded()
    {
        var observer = new ReferTaker();
        _server.Proxy.Observe(CallId, observer);

        await _caller.Send(_server.Udp!.LocalEndPoint, [.. CallerRequest(SipMethods.Refer, "z9hG4bK-refer-1"), "Refer-To: <sip:queue-2@gateway>"]);
        var accepted = await _caller.Receive<SipResponse>();
        await _caller.Send(_server.Udp.LocalEndPoint, CallerRequest(SipMethods.Bye, "z9hG4bK-bye-2"));
        var next = await _phone.Receive<SipRequest>();

        Assert.Equal(202, accepted.StatusCode);
        Assert.Equal("<sip:queue-2@gateway>", observer.Refer?.Request.Headers.Get("Refer-To"));
        Assert.Equal(SipMethods.Bye, next.Method);
        Assert.True(_server.Proxy.Forget(CallId));
    }

    [Fact]
    public async Task Answer_ItsRetransmissionsReachTheCaller_AfterTheClientTransactionEnded()
    {
        await _caller.Send(_server.Udp!.LocalEndPoint,
            "INVITE sip:queue@127.0.0.1 SIP/2.0",
            $"Via: SIP/2.0/UDP 127.0.0.1:{_caller.Port};branch=z9hG4bK-invite-1",
            "Max-Forwards: 70",
            "From: <sip:caller@127.0.0.1>;tag=caller-1",
            "To: <sip:queue@127.0.0.1>",
            $"Call-ID: {CallId}",
            "CSeq: 1 INVITE",
            $"Contact: <sip:caller@127.0.0.1:{_caller.Port}>");
        Assert.Equal(182, (await _caller.Receive<SipResponse>()).StatusCode);
        var invite = await _phone.Receive<SipRequest>();
        Assert.Equal($"<sip:127.0.0.1:{_server.Udp.LocalEndPoint.Port};lr>", Assert.Single(invite.Headers.Values(HeaderNames.RecordRoute)));
        Assert.Equal("interaction-1", invite.Headers.Get("X-Interaction"));

        var answer = Answer(invite, "200 OK");
        await _phone.Send(_server.Udp.LocalEndPoint, answer);
        var first = await _caller.Receive<SipResponse>();
        var branch = await (await _gateway.Forked).Completion.WaitAsync(LoopbackSipServer.Deadline());
        await _phone.Send(_server.Udp.LocalEndPoint, answer);
        var retransmitted = await _caller.Receive<SipResponse>();

        Assert.Equal(ProxyBranchOutcome.Answered, branch.Outcome);
        Assert.Equal((200, 200), (first.StatusCode, retransmitted.StatusCode));
        Assert.Equal("z9hG4bK-invite-1", Assert.Single(retransmitted.Vias).Branch);
        Assert.Equal("phone-1", retransmitted.To?.Tag);
    }

    /// <summary>The phone's response: the request's Via, Record-Route, From, Call-ID and CSeq, its To with the phone's tag.</summary>
    private static string[] Answer(SipRequest request, string status) =>
    [
        $"SIP/2.0 {status}",
        .. request.Headers.Values(HeaderNames.Via).Select(v => $"Via: {v}"),
        .. request.Headers.Values(HeaderNames.RecordRoute).Select(r => $"Record-Route: {r}"),
        $"From: {request.Headers.Get(HeaderNames.From)}",
        request.To?.Tag is null ? $"To: {request.Headers.Get(HeaderNames.To)};tag=phone-1" : $"To: {request.Headers.Get(HeaderNames.To)}",
        $"Call-ID: {request.CallId}",
        $"CSeq: {request.Headers.Get(HeaderNames.CSeq)}",
    ];

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
