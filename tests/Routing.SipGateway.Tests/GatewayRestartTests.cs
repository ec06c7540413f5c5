using Microsoft.Extensions.Hosting;
using Routing.Client;
using Routing.Contracts.V1;
using Routing.SipGateway.Calls;
using Routing.SipGateway.Tests.Infrastructure;
using Routing.Testing;

namespace Routing.SipGateway.Tests;

/// <summary>A gateway that restarts loses its transactions, not the calls: the cluster keeps the interaction, the
/// caller's retransmitted INVITE finds the same interaction (no second one) and is answered again, a request for a
/// dialog the gateway no longer knows gets 481, and a CANCEL of a lost INVITE (481) still abandons its waiting call. A
/// graceful stop answers its waiting callers 503 and abandons their calls.</summary>
[Collection(GatewayCollection.Name)]
public sealed class GatewayRestartTests(GatewayFixture fixture) : IDisposable
{
    private readonly RoutingClient _gateway = fixture.Client(["gateway"]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _gateway.Dispose();

    [Fact]
    public async Task RetransmittedInviteAfterARestart_ResumesTheSameInteraction_AndUnknownDialogsGet481()
    {
        var port = LoopbackPorts.Free();
        using var caller = new RawSipPeer(port);
        var callId = $"restart-{Guid.NewGuid():N}";
        var invite = Invite(caller.Port, port, callId);
        var interactionId = CallInteractionId.Of(callId, "caller-1");

        var first = await fixture.StartGatewayAsync(port);
        await caller.SendAsync(invite);
        var queued = await caller.ReceiveAsync(182, TimeSpan.FromSeconds(10));
        await CrashAsync(first);
        var restarted = await fixture.StartGatewayAsync(port);
        try
        {
            await caller.SendAsync(invite);
            var queuedAgain = await caller.ReceiveAsync(182, TimeSpan.FromSeconds(10));
            await caller.SendAsync(Bye(caller.Port, port));
            var unknownDialog = await caller.ReceiveAsync(481, TimeSpan.FromSeconds(10));
            await caller.SendAsync(Cancel(caller.Port, port, callId));
            await caller.ReceiveAsync(487, TimeSpan.FromSeconds(10));

            Assert.Contains($"{CallAnswer.InteractionHeader}: {interactionId}", queued, StringComparison.Ordinal);
            Assert.Contains($"{CallAnswer.InteractionHeader}: {interactionId}", queuedAgain, StringComparison.Ordinal);
            Assert.Contains("CSeq: 1 BYE", unknownDialog, StringComparison.Ordinal);
            var call = await EndedAsync(interactionId);
            Assert.Equal(InteractionStatus.Abandoned, call.Status);
            Assert.Single(call.Events, e => e.Kind == InteractionEventKind.Queued);
        }
        finally
        {
            await StopAsync(restarted);
        }
    }

    [Fact]
    public async Task CancelAfterARestart_Gets481_AndStillAbandonsTheWaitingCall()
    {
        var port = LoopbackPorts.Free();
        using var caller = new RawSipPeer(port);
        var callId = $"restart-{Guid.NewGuid():N}";
        var interactionId = CallInteractionId.Of(callId, "caller-1");

        var first = await fixture.StartGatewayAsync(port);
        await caller.SendAsync(Invite(caller.Port, port, callId));
        await caller.ReceiveAsync(182, TimeSpan.FromSeconds(10));
        await CrashAsync(first);
        var restarted = await fixture.StartGatewayAsync(port);
        try
        {
            await caller.SendAsync(Cancel(caller.Port, port, callId));
            var lost = await caller.ReceiveAsync(481, TimeSpan.FromSeconds(10));

            Assert.Contains("CSeq: 1 CANCEL", lost, StringComparison.Ordinal);
            Assert.Equal(InteractionStatus.Abandoned, (await EndedAsync(interactionId)).Status);
        }
        finally
        {
            await StopAsync(restarted);
        }
    }

    [Fact]
    public async Task GracefulStop_AnswersTheWaitingCaller503_AndAbandonsItsCall()
    {
        var port = LoopbackPorts.Free();
        using var caller = new RawSipPeer(port);
        var callId = $"stop-{Guid.NewGuid():N}";
        var gateway = await fixture.StartGatewayAsync(port, settings: "--Gateway:Calls:DrainTimeout=00:00:01");
        await caller.SendAsync(Invite(caller.Port, port, callId));
        await caller.ReceiveAsync(182, TimeSpan.FromSeconds(10));

        var stopping = StopAsync(gateway);
        var refused = await caller.ReceiveAsync(503, TimeSpan.FromSeconds(20));
        await stopping;

        Assert.Contains("Retry-After:", refused, StringComparison.Ordinal);
        Assert.Contains("the gateway is stopping", refused, StringComparison.Ordinal);
        Assert.Equal(InteractionStatus.Abandoned, (await EndedAsync(CallInteractionId.Of(callId, "caller-1"))).Status);
    }

    /// <summary>The gateway process dies: its sockets close and its transactions are gone, with no graceful stop.</summary>
    private static async Task CrashAsync(IHost gateway) => await ((IAsyncDisposable)gateway).DisposeAsync();

    private static async Task StopAsync(IHost gateway)
    {
        await gateway.StopAsync(Ct);
        gateway.Dispose();
    }

    private async Task<InteractionSnapshot> EndedAsync(string interactionId)
    {
        await foreach (var _ in _gateway.Interactions.WatchAsync(interactionId, Ct))
        {
        }
        return await _gateway.Interactions.GetAsync(interactionId, Ct);
    }

    private static string Invite(int callerPort, int gatewayPort, string callId) => $"""
        INVITE sip:500@127.0.0.1:{gatewayPort} SIP/2.0
        Via: SIP/2.0/UDP 127.0.0.1:{callerPort};branch=z9hG4bK-restart-invite
        From: <sip:441130555000@127.0.0.1:{callerPort}>;tag=caller-1
        To: <sip:500@127.0.0.1:{gatewayPort}>
        Call-ID: {callId}
        CSeq: 1 INVITE
        Contact: <sip:441130555000@127.0.0.1:{callerPort}>
        Max-Forwards: 70
        Content-Length: 0


        """;

    private static string Cancel(int callerPort, int gatewayPort, string callId) => $"""
        CANCEL sip:500@127.0.0.1:{gatewayPort} SIP/2.0
        Via: SIP/2.0/UDP 127.0.0.1:{callerPort};branch=z9hG4bK-restart-invite
        From: <sip:441130555000@127.0.0.1:{callerPort}>;tag=caller-1
        To: <sip:500@127.0.0.1:{gatewayPort}>
        Call-ID: {callId}
        CSeq: 1 CANCEL
        Max-Forwards: 70
        Content-Length: 0


        """;

    private static string Bye(int callerPort, int gatewayPort) => $"""
        BYE sip:500@127.0.0.1:{gatewayPort} SIP/2.0
        Via: SIP/2.0/UDP 127.0.0.1:{callerPort};branch=z9hG4bK-restart-bye
        From: <sip:441130555000@127.0.0.1:{callerPort}>;tag=caller-1
        To: <sip:500@127.0.0.1:{gatewayPort}>;tag=lost-with-the-old-process
        Call-ID: unknown-{Guid.NewGuid():N}
        CSeq: 1 BYE
        Max-Forwards: 70
        Content-Length: 0


        """;
}
