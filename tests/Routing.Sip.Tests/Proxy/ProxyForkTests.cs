using Microsoft.Extensions.Time.Testing;
using Routing.Sip.Messages;
using Routing.Sip.Proxy;
using Routing.Testing;
using Xunit;

namespace Routing.Sip.Tests.Proxy;

/// <summary>A forked INVITE's branch at the edges sipp does not reach: a CANCEL before the phone said anything, and a
/// target that cannot be reached.</summary>
public sealed class ProxyForkTests
{
    [Fact]
    public async Task CallerCancelsBeforeThePhoneAnswersAnything_TheBranchCancelWaitsForItsFirstProvisional()
    {
        await using var loop = new ProxyLoopback();
        var invite = await loop.InviteReachesPhone();
        var branch = await loop.Gateway.Forked.WaitAsync(Transport.LoopbackSipServer.Deadline());

        await loop.Caller.Send(loop.Proxy,
            "CANCEL sip:queue@127.0.0.1 SIP/2.0",
            $"Via: SIP/2.0/UDP 127.0.0.1:{loop.Caller.Port};branch=z9hG4bK-invite-1",
            "Max-Forwards: 70",
            "From: <sip:caller@127.0.0.1>;tag=caller-1",
            "To: <sip:queue@127.0.0.1>",
            $"Call-ID: {ProxyLoopback.CallId}",
            "CSeq: 1 CANCEL");
        var cancelAnswered = await loop.Caller.Receive<SipResponse>();
        var inviteAnswered = await loop.Caller.Receive<SipResponse>();
        var beforeRinging = await loop.Phone.ReceiveQueued();
        await loop.Phone.Send(loop.Proxy, ProxyLoopback.Answer(invite, "180 Ringing"));
        var cancel = await loop.Phone.ReceiveRequestOtherThan(SipMethods.Invite);
        await loop.Phone.Send(loop.Proxy, ProxyLoopback.Answer(cancel, "200 OK"));
        await loop.Phone.Send(loop.Proxy, ProxyLoopback.Answer(invite, "487 Request Terminated"));
        var ack = await loop.Phone.ReceiveRequestOtherThan(SipMethods.Invite);
        var result = await branch.Completion.WaitAsync(Transport.LoopbackSipServer.Deadline());

        Assert.Equal((200, 487), (cancelAnswered.StatusCode, inviteAnswered.StatusCode));
        Assert.DoesNotContain(beforeRinging, m => m is SipRequest { Method: SipMethods.Cancel });
        Assert.Equal(SipMethods.Cancel, cancel.Method);
        Assert.Equal(invite.TopVia!.Branch, cancel.TopVia!.Branch);
        Assert.Equal(SipMethods.Ack, ack.Method);
        Assert.Equal((ProxyBranchOutcome.Cancelled, 487), (result.Outcome, result.StatusCode));
    }

    [Fact]
    public async Task InitialInviteWithOurRoute_ReachesTheGateway_AndIsForkedWithoutIt()
    {
        await using var loop = new ProxyLoopback();

        var invite = await loop.InviteReachesPhone($"Route: <sip:127.0.0.1:{loop.Proxy.Port};lr>");

        Assert.Empty(invite.Routes);
        Assert.Equal($"sip:agent@127.0.0.1:{loop.Phone.Port}", invite.RequestUri.ToString());
    }

    [Fact]
    public async Task PhoneRingsThreeMinutes_TimerCCancelsIt_AndAPhoneThatNeverAnswersTheCancelEndsTheBranch64T1Later()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var loop = new ProxyLoopback(time: clock);
        var invite = await loop.InviteReachesPhone();
        var branch = await loop.Gateway.Forked.WaitAsync(Transport.LoopbackSipServer.Deadline());
        await loop.Phone.Send(loop.Proxy, ProxyLoopback.Answer(invite, "180 Ringing"));
        var ringing = await loop.Caller.Receive<SipResponse>();

        clock.Advance(ProxyBranch.TimerC - TimeSpan.FromSeconds(1));
        var beforeTimerC = await loop.Phone.ReceiveQueued();
        clock.Advance(TimeSpan.FromSeconds(1));
        var cancel = await loop.Phone.Receive<SipRequest>();
        clock.Advance(TimeSpan.FromSeconds(32));
        var result = await branch.Completion.WaitAsync(Transport.LoopbackSipServer.Deadline());

        Assert.Equal(180, ringing.StatusCode);
        Assert.Empty(beforeTimerC);
        Assert.Equal(SipMethods.Cancel, cancel.Method);
        Assert.Equal((ProxyBranchOutcome.Cancelled, 408), (result.Outcome, result.StatusCode));
        Assert.Null(branch.Upstream.FinalResponse);
    }

    [Fact]
    public async Task UnreachableTarget_BranchFails503_CallerStillWaitsForTheGateway()
    {
        await using var loop = new ProxyLoopback($"sip:agent@127.0.0.1:{LoopbackPorts.Free()};transport=tcp");
        await loop.SendInvite();
        var queued = await loop.Caller.Receive<SipResponse>();
        var branch = await loop.Gateway.Forked.WaitAsync(Transport.LoopbackSipServer.Deadline());

        var result = await branch.Completion.WaitAsync(Transport.LoopbackSipServer.Deadline());

        Assert.Equal(182, queued.StatusCode);
        Assert.Equal((ProxyBranchOutcome.Failed, SipStatus.ServiceUnavailable), (result.Outcome, result.StatusCode));
        Assert.Null(branch.Upstream.FinalResponse);
        Assert.Equal(0, loop.Server.Proxy.PendingBranchCount);
        branch.Upstream.Respond(480);
        Assert.Throws<InvalidOperationException>(() => loop.Server.Proxy.Fork(branch.Upstream, SipUri.Parse("sip:agent@127.0.0.1")));
    }
}
