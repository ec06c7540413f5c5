using Routing.Client;
using Routing.Contracts.V1;
using Routing.SipGateway.Tests.Infrastructure;
using Routing.Testing;

namespace Routing.SipGateway.Tests;

/// <summary>Calls in proxy mode: the gateway holds the caller's INVITE while the cluster queues it, then rings the offered
/// agent's registered phone (a second sipp) through its proxy. The phone's answer is the agent's accept, its refusal
/// a reject, ring no answer is cancelled; the dialog's BYE ends the conversation in the cluster.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ProxyCallTests(GatewayFixture fixture) : IAsyncLifetime
{
    private const string Entry = "600";

    private readonly RoutingClient _gateway = fixture.Client(["gateway"]);
    private readonly int _phonePort = LoopbackPorts.Free();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Cal's phone is the sipp listening on <see cref="_phonePort"/>.</summary>
    public async ValueTask InitializeAsync() =>
        await _gateway.Registration.SetAgentContactAsync("cal", $"sip:cal@127.0.0.1:{_phonePort}", DateTimeOffset.UtcNow.AddMinutes(10), Ct);

    public async ValueTask DisposeAsync()
    {
        await _gateway.Registration.ClearAgentContactAsync("cal", Ct);
        _gateway.Dispose();
    }

    [Fact]
    public async Task PhoneAnswers_TheAgentIsConnected_AndTheCallersByeEndsTheConversation()
    {
        await using var cal = await AnsweringAgent.ReadyAsync(fixture, "cal", accept: false);
        var phone = SippCall.RunScenarioAsync("proxy-phone-answers.xml", gatewayPort: null, Entry, _phonePort);

        var caller = await SippCall.RunScenarioAsync("proxy-caller-answered.xml", fixture.SipPort, Entry, LoopbackPorts.Free());

        Assert.True(caller is { ExitCode: 0, Successful: 1 }, caller.ToString());
        var answered = await phone;
        Assert.True(answered is { ExitCode: 0, Successful: 1 }, answered.ToString());
        var call = await EndedAsync(await cal.FirstOffer);
        Assert.Equal((InteractionStatus.Completed, "cal"), (call.Status, call.AgentId));
        Assert.Contains(call.Events, e => e.Kind == InteractionEventKind.Connected && e.AgentId == "cal");
        Assert.Equal("customer hung up", call.Events.Single(e => e.Kind == InteractionEventKind.Ended).Detail);
    }

    [Fact]
    public async Task PhoneIsBusy_TheOfferIsRejected_AndTheCallWaitsOn()
    {
        await using var cal = await AnsweringAgent.ReadyAsync(fixture, "cal", accept: false);
        var phone = SippCall.RunScenarioAsync("proxy-phone-busy.xml", gatewayPort: null, Entry, _phonePort);
        // The caller waits on hold, then hangs up; by then the busy phone has refused the offer.
        var caller = SippCall.RunAsync(fixture.SipPort, SippCall.CancelledWhileQueued(TimeSpan.FromSeconds(4)), Entry, $"busy-{Guid.NewGuid():N}");

        var busy = await phone;
        var interactionId = await cal.FirstOffer;
        var result = await caller;

        Assert.True(busy is { ExitCode: 0, Successful: 1 }, busy.ToString());
        Assert.True(result is { ExitCode: 0, Successful: 1 }, result.ToString());
        var call = await EndedAsync(interactionId);
        Assert.Equal(InteractionStatus.Abandoned, call.Status);
        Assert.Contains(call.Events, e => e.Kind == InteractionEventKind.OfferRejected && e.AgentId == "cal");
    }

    [Fact]
    public async Task CallerHangsUpWhileThePhoneRings_BothLegsEnd_AndTheCallIsAbandoned()
    {
        await using var cal = await AnsweringAgent.ReadyAsync(fixture, "cal", accept: false);
        var phone = SippCall.RunScenarioAsync("proxy-phone-rings.xml", gatewayPort: null, Entry, _phonePort);

        var caller = await SippCall.RunScenarioAsync("proxy-caller-cancels.xml", fixture.SipPort, Entry, LoopbackPorts.Free());

        Assert.True(caller is { ExitCode: 0, Successful: 1 }, caller.ToString());
        var rang = await phone;
        Assert.True(rang is { ExitCode: 0, Successful: 1 }, rang.ToString());
        Assert.Equal(InteractionStatus.Abandoned, (await EndedAsync(await cal.FirstOffer)).Status);
    }

    [Fact]
    public async Task AgentsPhoneHangsUpFirst_TheAgentEndsTheConversation()
    {
        await using var cal = await AnsweringAgent.ReadyAsync(fixture, "cal", accept: false);
        var phone = SippCall.RunScenarioAsync("agent-hangs-up-phone.xml", gatewayPort: null, Entry, _phonePort);

        var caller = await SippCall.RunScenarioAsync("agent-hangs-up-caller.xml", fixture.SipPort, Entry, LoopbackPorts.Free());

        Assert.True(caller is { ExitCode: 0, Successful: 1 }, caller.ToString());
        var hungUp = await phone;
        Assert.True(hungUp is { ExitCode: 0, Successful: 1 }, hungUp.ToString());
        var call = await EndedAsync(await cal.FirstOffer);
        Assert.Equal((InteractionStatus.Completed, "agent ended"), (call.Status, call.Events.Single(e => e.Kind == InteractionEventKind.Ended).Detail));
    }

    [Fact]
    public async Task PhoneRingsUnanswered_TheGatewayCancelsIt_AndTheCallerWaitsOn()
    {
        await using var cal = await AnsweringAgent.ReadyAsync(fixture, "cal", accept: false);
        var phone = SippCall.RunScenarioAsync("proxy-phone-rings.xml", gatewayPort: null, Entry, _phonePort);
        var caller = SippCall.RunAsync(fixture.SipPort, SippCall.Answered(480, ringing: true), Entry, $"rna-{Guid.NewGuid():N}");

        // The offer rings 2 s; then the cluster times it out and the gateway CANCELs the phone's leg.
        var rang = await phone;
        var interactionId = await cal.FirstOffer;
        Assert.True(rang is { ExitCode: 0, Successful: 1 }, rang.ToString());
        var waiting = await _gateway.Interactions.GetAsync(interactionId, Ct);
        Assert.Contains(waiting.Events, e => e.Kind == InteractionEventKind.OfferTimedOut && e.AgentId == "cal");
        Assert.NotEqual(InteractionStatus.Connected, waiting.Status);
        // The caller is still waiting; the customer leaving (here, through the cluster) answers it 480.
        await _gateway.Interactions.HangupAsync(interactionId, Ct);
        var result = await caller;
        Assert.True(result is { ExitCode: 0, Successful: 1 }, result.ToString());
    }

    [Fact]
    public async Task PhoneTransfersTheCaller_ReferSendsItBack_AndTheNextAgentsPhoneTakesIt()
    {
        var deePhone = LoopbackPorts.Free();
        await _gateway.Registration.SetAgentContactAsync("dee", $"sip:dee@127.0.0.1:{deePhone}", DateTimeOffset.UtcNow.AddMinutes(10), Ct);
        try
        {
            await using var cal = await AnsweringAgent.ReadyAsync(fixture, "cal", accept: false);
            var calsPhone = SippCall.RunScenarioAsync("transfer-phone.xml", gatewayPort: null, "dee", _phonePort);
            var deesPhone = SippCall.RunScenarioAsync("proxy-phone-answers.xml", gatewayPort: null, Entry, deePhone);
            var calling = SippCall.RunScenarioAsync("transfer-caller.xml", fixture.SipPort, Entry, LoopbackPorts.Free());
            // The call rings cal first; dee gets ready for the transfer once it does.
            await cal.FirstOffer;
            await using var dee = await AnsweringAgent.ReadyAsync(fixture, "dee", accept: false);

            var caller = await calling;

            Assert.True(caller is { ExitCode: 0, Successful: 1 }, caller.ToString());
            var transferring = await calsPhone;
            Assert.True(transferring is { ExitCode: 0, Successful: 1 }, transferring.ToString());
            var answering = await deesPhone;
            Assert.True(answering is { ExitCode: 0, Successful: 1 }, answering.ToString());
            var call = await EndedAsync(await cal.FirstOffer);
            Assert.Equal((InteractionStatus.Completed, "dee"), (call.Status, call.AgentId));
            Assert.Equal(["cal", "dee"], call.Legs.Select(l => l.AgentId));
            Assert.True(call.Legs[0].Transferred);
        }
        finally
        {
            await _gateway.Registration.ClearAgentContactAsync("dee", Ct);
        }
    }

    /// <summary>The interaction once it reaches a final status (the gateway tells the cluster after the SIP exchange).</summary>
    private async Task<InteractionSnapshot> EndedAsync(string interactionId)
    {
        await foreach (var _ in _gateway.Interactions.WatchAsync(interactionId, Ct))
        {
        }
        return await _gateway.Interactions.GetAsync(interactionId, Ct);
    }
}
