using Routing.Client;
using Routing.Client.Agents;

namespace Routing.SipGateway.Tests.Infrastructure;

/// <summary>An agent app that takes every offer: accepts it, and (unless told to stay connected) ends and completes it
/// at once, so the agent is free for the next call; or, for proxy mode, only watches the offers while the agent's phone
/// answers them. What the gateway does with the call is the test's to check.</summary>
internal sealed class AnsweringAgent : IAsyncDisposable
{
    private readonly RoutingClient _client;
    private readonly AgentSession _session;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<string> _accepted = [];

    private readonly TaskCompletionSource<string> _firstOffer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AnsweringAgent(RoutingClient client, AgentSession session, bool stayConnected, bool accept)
    {
        _client = client;
        _session = session;
        _loop = AnswerAsync(stayConnected, accept);
    }

    public static async Task<AnsweringAgent> ReadyAsync(GatewayFixture fixture, string agentId, bool stayConnected = false, bool accept = true)
    {
        var client = fixture.Client(["agent"], agentId);
        var session = await client.OpenAgentSessionAsync(agentId);
        await session.SetReadyAsync();
        return new AnsweringAgent(client, session, stayConnected, accept);
    }

    /// <summary>The interaction id of the first offer the agent's app saw.</summary>
    public Task<string> FirstOffer => _firstOffer.Task;

    public IReadOnlyList<string> Accepted
    {
        get
        {
            lock (_accepted)
            {
                return [.. _accepted];
            }
        }
    }

    public AgentSession Session => _session;

    private async Task AnswerAsync(bool stayConnected, bool accept)
    {
        try
        {
            await foreach (var e in _session.Events.ReadAllAsync(_stop.Token))
            {
                if (e is not OfferReceived offer)
                {
                    continue;
                }
                var id = offer.Offer.InteractionId;
                _firstOffer.TrySetResult(id);
                if (!accept)
                {
                    continue;
                }
                await _session.AcceptAsync(id, _stop.Token);
                lock (_accepted)
                {
                    _accepted.Add(id);
                }
                if (!stayConnected)
                {
                    await _session.EndAsync(id, _stop.Token);
                    await _session.CompleteAsync(id, "done", cancellationToken: _stop.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        try
        {
            await _session.SetNotReadyAsync("test-over");
        }
        finally
        {
            await _session.DisposeAsync();
            _client.Dispose();
        }
    }
}
