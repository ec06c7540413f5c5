using Grpc.Core;
using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Agents;

/// <summary>Stands in for an agent's app on one session stream: sends commands with ids and awaits
/// their results or pushed events (events read past while waiting are kept for later waits).</summary>
public sealed class AgentApp : IDisposable
{
    private readonly AsyncDuplexStreamingCall<AgentCommand, AgentEvent> _call;
    private readonly List<AgentEvent> _skipped = [];
    private int _commands;

    private AgentApp(AsyncDuplexStreamingCall<AgentCommand, AgentEvent> call) => _call = call;

    public SessionStarted Started { get; private set; } = null!;

    public IAsyncStreamReader<AgentEvent> Events => _call.ResponseStream;

    /// <summary>Opens a stream and sends hello; does not wait for the answer.</summary>
    public static async Task<AgentApp> Open(EdgeFixture fixture, CallOptions options, string agentId = "", string resumeSessionId = "")
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var app = new AgentApp(new AgentService.AgentServiceClient(fixture.Channel).Connect(options));
        try
        {
            await app._call.RequestStream.WriteAsync(new AgentCommand { Hello = new Hello { AgentId = agentId, ResumeSessionId = resumeSessionId } });
        }
        catch (RpcException)
        {
            // The server refused the call before reading hello (e.g. the wrong role): reading the
            // response stream reports the status.
        }
        return app;
    }

    /// <summary>Opens a stream as <paramref name="agentId"/> (with its own token) and awaits SessionStarted.</summary>
    public static async Task<AgentApp> Connect(EdgeFixture fixture, string tenant, string agentId, string resumeSessionId = "")
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var app = await Open(fixture, LongCall(fixture, tenant, ["agent"], agentId), agentId, resumeSessionId);
        app.Started = (await app.Until(e => e.EventCase == AgentEvent.EventOneofCase.SessionStarted)).SessionStarted;
        return app;
    }

    /// <summary>Call options with a token and a deadline long enough for a grace period to run out.</summary>
    public static CallOptions LongCall(EdgeFixture fixture, string tenant, string[] roles, string? agentId = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        return new CallOptions(
            headers: new Metadata { { "Authorization", $"Bearer {fixture.Token(tenant, roles, agentId)}" } },
            deadline: DateTime.UtcNow.AddMinutes(2));
    }

    /// <summary>Sends <paramref name="command"/> with a fresh command id and awaits its result.</summary>
    public async Task<CommandResult> Send(AgentCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.CommandId = $"c-{++_commands}";
        await _call.RequestStream.WriteAsync(command);
        var id = command.CommandId;
        return (await Until(e => e.CommandResult?.CommandId == id)).CommandResult;
    }

    /// <summary>The first event (already read or still to come) that matches.</summary>
    public async Task<AgentEvent> Until(Func<AgentEvent, bool> match, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        var seen = _skipped.FindIndex(e => match(e));
        if (seen >= 0)
        {
            var hit = _skipped[seen];
            _skipped.RemoveAt(seen);
            return hit;
        }
        var deadline = DateTime.UtcNow + (timeout ?? StreamAssert.DefaultTimeout);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, "the expected agent event did not come in time");
            var next = await StreamAssert.Next(_call.ResponseStream, left);
            if (match(next))
            {
                return next;
            }
            _skipped.Add(next);
        }
    }

    /// <summary>Awaits the offer of <paramref name="interactionId"/>, rejecting offers of other
    /// interactions (left in the shared test queue by other tests).</summary>
    public async Task<Offer> OfferOf(string interactionId)
    {
        while (true)
        {
            var offer = (await Until(e => e.EventCase == AgentEvent.EventOneofCase.Offer)).Offer;
            if (offer.InteractionId == interactionId)
            {
                return offer;
            }
            await Send(new AgentCommand { Reject = new Reject { InteractionId = offer.InteractionId } });
        }
    }

    /// <summary>Drops the stream as a lost connection would (the client cancels the call).</summary>
    public void Dispose() => _call.Dispose();
}
