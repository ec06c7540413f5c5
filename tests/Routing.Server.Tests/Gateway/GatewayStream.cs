using Grpc.Core;
using Routing.Contracts.V1;
using Routing.Server.Tests.Agents;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Gateway;

/// <summary>A gateway's session stream as the wire carries it: commands out, replies and interaction events in, in the
/// order they came.</summary>
internal sealed class GatewayStream : IDisposable
{
    private readonly AsyncDuplexStreamingCall<GatewayCommand, GatewayEvent> _call;
    private readonly List<GatewayEvent> _unread = [];
    private ulong _nextRequestId;

    private GatewayStream(AsyncDuplexStreamingCall<GatewayCommand, GatewayEvent> call) => _call = call;

    public IAsyncStreamReader<GatewayEvent> Messages => _call.ResponseStream;

    /// <summary>Opens the tenant's session as role <paramref name="roles"/> and waits for the server to accept it.</summary>
    public static async Task<GatewayStream> Open(EdgeFixture fixture, string tenant, string[]? roles = null)
    {
        var stream = Open(fixture, AgentApp.LongCall(fixture, tenant, roles ?? ["gateway"]));
        await stream._call.ResponseHeadersAsync;
        return stream;
    }

    public static GatewayStream Open(EdgeFixture fixture, CallOptions options) =>
        new(new GatewayService.GatewayServiceClient(fixture.Channel).Connect(options));

    /// <summary>Sends <paramref name="command"/> with the next request id, and returns that id.</summary>
    public async Task<ulong> Send(GatewayCommand command)
    {
        command.RequestId = ++_nextRequestId;
        await _call.RequestStream.WriteAsync(command);
        return command.RequestId;
    }

    /// <summary>Sends <paramref name="command"/> and waits for its reply; messages read meanwhile stay for later reads.</summary>
    public async Task<GatewayReply> Ask(GatewayCommand command) => await ReplyTo(await Send(command));

    public async Task<GatewayReply> ReplyTo(ulong requestId)
    {
        bool IsReply(GatewayEvent m) => m.EventCase == GatewayEvent.EventOneofCase.Reply && m.Reply.RequestId == requestId;
        var found = _unread.FindIndex(IsReply);
        if (found >= 0)
        {
            var earlier = _unread[found];
            _unread.RemoveAt(found);
            return earlier.Reply;
        }
        while (true)
        {
            var next = await StreamAssert.Next(_call.ResponseStream);
            if (IsReply(next))
            {
                return next.Reply;
            }
            _unread.Add(next);
        }
    }

    /// <summary>The events of <paramref name="interactionId"/> not handed out yet, up to and including the first matching
    /// <paramref name="match"/>; other messages stay for later reads.</summary>
    public async Task<List<InteractionEvent>> EventsUntil(string interactionId, Func<InteractionEvent, bool> match)
    {
        bool IsEventOf(GatewayEvent m) => m.EventCase == GatewayEvent.EventOneofCase.InteractionEvent && m.InteractionEvent.InteractionId == interactionId;
        var events = new List<InteractionEvent>();
        for (var i = 0; i < _unread.Count;)
        {
            if (!IsEventOf(_unread[i]))
            {
                i++;
                continue;
            }
            events.Add(_unread[i].InteractionEvent);
            _unread.RemoveAt(i);
            if (match(events[^1]))
            {
                return events;
            }
        }
        while (true)
        {
            var next = await StreamAssert.Next(_call.ResponseStream);
            if (!IsEventOf(next))
            {
                _unread.Add(next);
                continue;
            }
            events.Add(next.InteractionEvent);
            if (match(next.InteractionEvent))
            {
                return events;
            }
        }
    }

    /// <summary>Messages received but not handed out yet.</summary>
    public IReadOnlyList<GatewayEvent> Unread => _unread;

    public async Task Close() => await _call.RequestStream.CompleteAsync();

    public void Dispose() => _call.Dispose();

    public static GatewayCommand Create(string interactionId, string queueId = "sales") =>
        new() { Create = new CreateInteractionRequest { InteractionId = interactionId, QueueId = queueId, CustomerNumber = "+33123456789" } };

    public static GatewayCommand Follow(string interactionId) => new() { Follow = new FollowInteraction { InteractionId = interactionId } };

    public static GatewayCommand Unfollow(string interactionId) => new() { Unfollow = new UnfollowInteraction { InteractionId = interactionId } };
}
