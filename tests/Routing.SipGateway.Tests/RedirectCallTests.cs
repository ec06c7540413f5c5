using Grpc.Core;
using Routing.Client;
using Routing.Contracts.V1;
using Routing.SipGateway.Calls;
using Routing.SipGateway.Tests.Infrastructure;

namespace Routing.SipGateway.Tests;

/// <summary>Calls in redirect mode, placed by sipp through the real gateway into the real cluster: each test checks what
/// the caller heard and the interaction's state in the cluster.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RedirectCallTests(GatewayFixture fixture) : IDisposable
{
    private readonly RoutingClient _gateway = fixture.Client(["gateway"]);
    private readonly string _prefix = $"call-{Guid.NewGuid():N}";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _gateway.Dispose();

    [Theory]
    [InlineData("u1")]
    [InlineData("t1")]
    public async Task Call_IsQueued_ThenRedirectedToTheAgentWhoAccepted(string transport)
    {
        await using var ann = await AnsweringAgent.ReadyAsync(fixture, "ann", stayConnected: true);

        var result = await SippCall.RunAsync(fixture.SipPort, SippCall.Answered(302, "sip:ann@pbx.acme.example"), "100", _prefix, transport: transport);

        Assert.True(result is { ExitCode: 0, Successful: 1 }, result.ToString());
        var call = await _gateway.Interactions.GetAsync(InteractionOf(1), Ct);
        Assert.Equal((InteractionStatus.Connected, "ann", "sales"), (call.Status, call.AgentId, call.QueueId));
        await ann.Session.EndAsync(call.InteractionId, Ct);
        await ann.Session.CompleteAsync(call.InteractionId, "done", cancellationToken: Ct);
    }

    [Fact]
    public async Task RegisteredContact_IsWhereTheCallerIsRedirected()
    {
        await _gateway.Registration.SetAgentContactAsync("bob", "sip:bob@192.0.2.44:5062", DateTimeOffset.UtcNow.AddMinutes(5), Ct);
        await using var bob = await AnsweringAgent.ReadyAsync(fixture, "bob");
        try
        {
            var result = await SippCall.RunAsync(fixture.SipPort, SippCall.Answered(302, "sip:bob@192.0.2.44:5062"), "100", _prefix);

            Assert.True(result is { ExitCode: 0, Successful: 1 }, result.ToString());
            Assert.Equal("bob", (await _gateway.Interactions.GetAsync(InteractionOf(1), Ct)).AgentId);
        }
        finally
        {
            await _gateway.Registration.ClearAgentContactAsync("bob", Ct);
        }
    }

    [Fact]
    public async Task CancelWhileQueued_Gets487_AndAbandonsTheInteraction()
    {
        var result = await SippCall.RunAsync(fixture.SipPort, SippCall.CancelledWhileQueued(TimeSpan.FromMilliseconds(200)), "500", _prefix);

        Assert.True(result is { ExitCode: 0, Successful: 1 }, result.ToString());
        var call = await FinalAsync(InteractionOf(1));
        Assert.Equal(InteractionStatus.Abandoned, call.Status);
    }

    [Fact]
    public async Task FullQueue_Gets503WithRetryAfter_AndCreatesNothing()
    {
        var waiting = await _gateway.Interactions.CreateAsync(new CreateInteractionRequest { QueueId = "tiny" }, Ct);
        try
        {
            var result = await SippCall.RunAsync(fixture.SipPort, SippCall.Answered(503, queued: false), "200", _prefix);

            Assert.True(result is { ExitCode: 0, Successful: 1 }, result.ToString());
            await AssertNotCreated(InteractionOf(1));
        }
        finally
        {
            await _gateway.Interactions.HangupAsync(waiting.InteractionId, Ct);
        }
    }

    [Fact]
    public async Task ClosedQueue_Gets480_AndCreatesNothing()
    {
        var result = await SippCall.RunAsync(fixture.SipPort, SippCall.Answered(480, queued: false), "300", _prefix);

        Assert.True(result is { ExitCode: 0, Successful: 1 }, result.ToString());
        await AssertNotCreated(InteractionOf(1));
    }

    [Fact]
    public async Task UnknownNumber_Gets404_AndCreatesNothing()
    {
        var result = await SippCall.RunAsync(fixture.SipPort, SippCall.Answered(404, queued: false), "999", _prefix);

        Assert.True(result is { ExitCode: 0, Successful: 1 }, result.ToString());
        await AssertNotCreated(InteractionOf(1));
    }

    [Fact]
    public async Task OverflowToVoicemail_RedirectsToTheEntryPointsVoicemail()
    {
        var result = await SippCall.RunAsync(fixture.SipPort, SippCall.Answered(302, "sip:voicemail@pbx.acme.example"), "400", _prefix);

        Assert.True(result is { ExitCode: 0, Successful: 1 }, result.ToString());
        Assert.Equal(InteractionStatus.Overflowed, (await _gateway.Interactions.GetAsync(InteractionOf(1), Ct)).Status);
    }

    [Fact]
    public async Task TenPercentPacketLoss_EveryCallStillEndsRedirectedToTheAgent()
    {
        const int calls = 20;
        await using var ann = await AnsweringAgent.ReadyAsync(fixture, "ann");

        var result = await SippCall.RunAsync(fixture.SipPort, SippCall.Answered(302, "sip:ann@pbx.acme.example", queued: false), "100", _prefix,
            calls: calls, rate: 2, lossPercent: 10, timeout: TimeSpan.FromSeconds(120));

        Assert.True(result is { ExitCode: 0, Successful: calls }, result.ToString());
        foreach (var n in Enumerable.Range(1, calls))
        {
            var call = await _gateway.Interactions.GetAsync(InteractionOf(n), Ct);
            Assert.Equal((InteractionStatus.Completed, "ann"), (call.Status, call.AgentId));
        }
    }

    private string InteractionOf(int callNumber) => CallInteractionId.Of($"{_prefix}-{callNumber}", $"caller-{callNumber}");

    private async Task AssertNotCreated(string interactionId)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _gateway.Interactions.GetAsync(interactionId, Ct));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    /// <summary>The interaction once final: the gateway tells the cluster after answering the caller.</summary>
    private async Task<InteractionSnapshot> FinalAsync(string interactionId)
    {
        await foreach (var _ in _gateway.Interactions.WatchAsync(interactionId, TestContext.Current.CancellationToken))
        {
        }
        return await _gateway.Interactions.GetAsync(interactionId, Ct);
    }
}
