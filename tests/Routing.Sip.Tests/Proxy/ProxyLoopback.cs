using System.Net;
using Routing.Sip.Messages;
using Routing.Sip.Tests.Transport;
using Xunit;

namespace Routing.Sip.Tests.Proxy;

/// <summary>A SipServer with the <see cref="TestGateway"/>, between a caller and an agent's phone on UDP sockets of
/// 127.0.0.1, with the messages those two write.</summary>
internal sealed class ProxyLoopback : IAsyncDisposable
{
    public const string CallId = "dialog-1@pbx.example.com";

    public ProxyLoopback(string? phoneUri = null, TimeProvider? time = null)
    {
        Gateway = new TestGateway(SipUri.Parse(phoneUri ?? $"sip:agent@127.0.0.1:{Phone.Port}"));
        Server = LoopbackSipServer.Start(time ?? TimeProvider.System, handlers: Gateway);
        Gateway.Server = Server;
    }

    public UdpPeer Caller { get; } = new();

    public UdpPeer Phone { get; } = new();

    public TestGateway Gateway { get; }

    public SipServer Server { get; }

    public IPEndPoint Proxy => Server.Udp!.LocalEndPoint;

    /// <summary>The caller's INVITE to the queue (the gateway answers 182 and forks it to the phone).</summary>
    public Task SendInvite(params string[] extraLines) => Caller.Send(Proxy,
    [
        "INVITE sip:queue@127.0.0.1 SIP/2.0",
        $"Via: SIP/2.0/UDP 127.0.0.1:{Caller.Port};branch=z9hG4bK-invite-1",
        "Max-Forwards: 70",
        "From: <sip:caller@127.0.0.1>;tag=caller-1",
        "To: <sip:queue@127.0.0.1>",
        $"Call-ID: {CallId}",
        "CSeq: 1 INVITE",
        $"Contact: <sip:caller@127.0.0.1:{Caller.Port}>",
        .. extraLines,
    ]);

    /// <summary>Sends the INVITE and returns it as the phone received it (after the caller got its 182).</summary>
    public async Task<SipRequest> InviteReachesPhone(params string[] extraLines)
    {
        await SendInvite(extraLines);
        Assert.Equal(182, (await Caller.Receive<SipResponse>()).StatusCode);
        return await Phone.Receive<SipRequest>();
    }

    /// <summary>The phone's response: the request's Via, Record-Route, From, Call-ID and CSeq, its To with the phone's tag.</summary>
    public static string[] Answer(SipRequest request, string status) =>
    [
        $"SIP/2.0 {status}",
        .. request.Headers.Values(HeaderNames.Via).Select(v => $"Via: {v}"),
        .. request.Headers.Values(HeaderNames.RecordRoute).Select(r => $"Record-Route: {r}"),
        $"From: {request.Headers.Get(HeaderNames.From)}",
        request.To?.Tag is null ? $"To: {request.Headers.Get(HeaderNames.To)};tag=phone-1" : $"To: {request.Headers.Get(HeaderNames.To)}",
        $"Call-ID: {request.CallId}",
        $"CSeq: {request.Headers.Get(HeaderNames.CSeq)}",
    ];

    public async ValueTask DisposeAsync()
    {
        Caller.Dispose();
        Phone.Dispose();
        await Server.DisposeAsync();
    }
}
