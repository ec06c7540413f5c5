using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using Routing.Abstractions;
using Routing.Abstractions.Interactions;
using Routing.Contracts.V1;
using Routing.Core;
using Routing.Server.Edge.Agents;
using Routing.Server.Edge.Interactions;
using Routing.Server.Edge.Mapping;
using Channel = System.Threading.Channels.Channel;
using InteractionEvent = Routing.Abstractions.Interactions.InteractionEvent;
using InteractionSnapshot = Routing.Abstractions.Interactions.InteractionSnapshot;
using InteractionStatus = Routing.Core.InteractionStatus;

namespace Routing.Server.Edge.Gateways;

/// <summary>
/// One gateway's session stream (gateway.proto): its commands run side by side, each answered by a reply, and the
/// interactions it follows send their events down the same stream. One observer serves every interaction the session
/// follows, so following a call costs no stream, token check or observer of its own: a create subscribes the session in
/// the same grain call.
/// </summary>
internal sealed class GatewaySession(IGrainFactory grains, string tenantId, CallerRateLimit rateLimit, SessionRenewalSchedule renewals, ILogger logger)
    : IInteractionObserver
{
    /// <summary>Commands under way at once on one session; the session reads no more until one is answered, so a
    /// gateway that sends faster than the cluster answers is slowed down (HTTP/2 flow control) rather than refused.</summary>
    internal const int MaxCommandsInFlight = 1_000;

    /// <summary>Interactions one session follows at once: far above the calls one gateway carries.</summary>
    internal const int MaxFollowed = 100_000;

    private readonly Channel<GatewayEvent> _outbox = Channel.CreateUnbounded<GatewayEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, Followed> _followed = new(StringComparer.Ordinal);
    private IInteractionObserver? _reference;
    private readonly SemaphoreSlim _inFlight = new(MaxCommandsInFlight);
    private int _followedCount;
    private int _rateLimitLogged;

    public async Task RunAsync(IAsyncStreamReader<GatewayCommand> commands, IServerStreamWriter<GatewayEvent> events, CancellationToken cancellationToken)
    {
        _reference = grains.CreateObjectReference<IInteractionObserver>(this);
        var writing = StreamOutbox.DrainAsync(_outbox.Reader, events, cancellationToken);
        try
        {
            await foreach (var command in commands.ReadAllAsync(cancellationToken))
            {
                await StartAsync(command, cancellationToken);
            }
        }
        finally
        {
            // What the gateway asked for is still answered when it closed its side, and nothing is left following
            // (or in the renewal schedule) once the session ends.
            await AllAnsweredAsync();
            var live = _followed.Values.ToList();
            live.ForEach(End);
            _outbox.Writer.TryComplete();
            await writing;
            // Calls still under way stop notifying an observer that is gone (each notice would be a warning at the silo).
            await Task.WhenAll(live.Select(followed => UnsubscribeAsync(followed.Follow.Grain)));
            grains.DeleteObjectReference<IInteractionObserver>(_reference);
        }
    }

    private async Task UnsubscribeAsync(IInteractionGrain grain)
    {
        try
        {
            await grain.Unsubscribe(_reference!);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            // The interaction forgets the observer after its lease anyway.
        }
    }

    public Task OnEvent(InteractionEvent interactionEvent)
    {
        if (_followed.TryGetValue(interactionEvent.InteractionId, out var followed))
        {
            followed.Follow.Post(interactionEvent);
        }
        return Task.CompletedTask;
    }

    private async Task StartAsync(GatewayCommand command, CancellationToken cancellationToken)
    {
        // An unfollow only changes the session's own bookkeeping: it costs no grain call, so neither the rate limit nor
        // the bound on commands under way applies, and letting go of a call is never refused.
        if (command.CommandCase == GatewayCommand.CommandOneofCase.Unfollow)
        {
            Reply(Unfollow(command));
            return;
        }
        if (!rateLimit.TryTake())
        {
            if (Interlocked.Exchange(ref _rateLimitLogged, 1) == 0)
            {
                GatewayEdgeLog.CommandsRateLimited(logger, tenantId);
            }
            Reply(Refusal(command.RequestId, StatusCode.ResourceExhausted, CallerRateLimit.RefusedMessage));
            return;
        }
        await _inFlight.WaitAsync(cancellationToken);
        _ = RunAsync(command);
    }

    /// <summary>Every command under way holds a slot until it is answered (its task catches everything): once every slot
    /// is free again, all are answered.</summary>
    private async Task AllAnsweredAsync()
    {
        for (var slot = 0; slot < MaxCommandsInFlight; slot++)
        {
            await _inFlight.WaitAsync();
        }
    }

    private async Task RunAsync(GatewayCommand command)
    {
        try
        {
            switch (command.CommandCase)
            {
                case GatewayCommand.CommandOneofCase.Create:
                    await CreateAsync(command.RequestId, command.Create);
                    break;
                case GatewayCommand.CommandOneofCase.Follow:
                    await FollowAsync(command.RequestId, command.Follow.InteractionId);
                    break;
                default:
                    throw EdgeRequests.InvalidArgument("the command is empty: set one of create, follow, unfollow");
            }
        }
        catch (Exception exception)
        {
            var status = EdgeStatuses.ToStatus(exception);
            if (status.StatusCode == StatusCode.Internal)
            {
                GatewayEdgeLog.CommandFailed(logger, exception, tenantId, command.CommandCase.ToString());
            }
            Reply(Refusal(command.RequestId, status.StatusCode, status.Detail));
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private async Task CreateAsync(ulong requestId, CreateInteractionRequest request)
    {
        var (interactionId, spec) = await InteractionCreation.CheckAsync(grains, tenantId, request);
        var followed = Begin(interactionId);
        try
        {
            await StartedAsync(requestId, followed, await followed.Follow.Grain.CreateFollowed(spec, _reference!));
        }
        catch
        {
            Release(followed);
            throw;
        }
    }

    private async Task FollowAsync(ulong requestId, string interactionId)
    {
        var followed = Begin(EdgeRequests.RequireId("interaction", interactionId));
        try
        {
            var snapshot = await followed.Follow.Grain.Follow(_reference!);
            if (snapshot.Status == InteractionStatus.None)
            {
                throw EdgeRequests.NotFound($"interaction '{interactionId}' does not exist in tenant '{tenantId}'");
            }
            await StartedAsync(requestId, followed, snapshot);
        }
        catch
        {
            Release(followed);
            throw;
        }
    }

    private GatewayReply Unfollow(GatewayCommand command)
    {
        try
        {
            if (_followed.TryGetValue(EdgeRequests.RequireId("interaction", command.Unfollow.InteractionId), out var followed))
            {
                Release(followed);
            }
            return new GatewayReply { RequestId = command.RequestId, StatusCode = EdgeStatuses.ToName(StatusCode.OK) };
        }
        catch (RpcException refused)
        {
            return Refusal(command.RequestId, refused.StatusCode, refused.Status.Detail);
        }
    }

    /// <summary>
    /// Registered before the grain is called, so the events the call itself causes wait for the follow. A gateway may
    /// follow one interaction for two of its calls at once (a caller transferred back through it while the first
    /// call's dialog ends): each create or follow holds the follow and each unfollow lets one go, and the events come
    /// once on the session for all of them.
    /// </summary>
    private Followed Begin(string interactionId)
    {
        while (true)
        {
            if (_followed.TryGetValue(interactionId, out var existing))
            {
                if (existing.Hold())
                {
                    return existing;
                }
                // Ending: it leaves the map as it ends, and a new follow takes its place.
                if (_followed.TryRemove(new KeyValuePair<string, Followed>(interactionId, existing)))
                {
                    Interlocked.Decrement(ref _followedCount);
                }
                continue;
            }
            if (Volatile.Read(ref _followedCount) >= MaxFollowed)
            {
                throw new RpcException(new Status(StatusCode.ResourceExhausted, $"this session follows {MaxFollowed} interactions already; unfollow some or open another session"));
            }
            var followed = new Followed(interactionId, new GatewayFollow(grains.Interaction(tenantId, interactionId), _reference!, SendAsync, EndpointOf));
            if (_followed.TryAdd(interactionId, followed))
            {
                Interlocked.Increment(ref _followedCount);
                return followed;
            }
        }
    }

    /// <summary>
    /// The first hold's reply goes out before the follow's events start, and the events after its snapshot follow it on
    /// the stream. A later hold's reply goes through the running follow, so it leaves at its place among the events:
    /// what the stream already carried is in its snapshot, and what comes after is not. The snapshot's offers and
    /// connections carry the agent's endpoint, as the events do: a call is often offered within its create.
    /// </summary>
    private async Task StartedAsync(ulong requestId, Followed followed, InteractionSnapshot snapshot)
    {
        Task ReplyAsync(InteractionSnapshot replied) => ReplyWithEndpointsAsync(requestId, replied);
        if (!followed.TryStart())
        {
            if (!followed.Follow.PostReply(snapshot, ReplyAsync))
            {
                await followed.Follow.ReplyNowAsync(ReplyAsync, snapshot);
            }
            return;
        }
        await ReplyAsync(snapshot);
        if (snapshot.Status.IsFinal())
        {
            End(followed);
            await followed.Follow.DrainRepliesAsync();
            return;
        }
        followed.Renewal = renewals.Register(followed.Follow);
        _ = RunFollowAsync(followed, snapshot);
    }

    private async Task ReplyWithEndpointsAsync(ulong requestId, InteractionSnapshot snapshot)
    {
        var replied = snapshot.ToProto();
        foreach (var e in replied.Events.Where(e => e.Kind is Contracts.V1.InteractionEventKind.Offered or Contracts.V1.InteractionEventKind.Connected && e.AgentId.Length > 0))
        {
            e.AgentEndpoint = await EndpointOf(e.AgentId) ?? string.Empty;
        }
        Reply(new GatewayReply { RequestId = requestId, StatusCode = EdgeStatuses.ToName(StatusCode.OK), Snapshot = replied });
    }

    /// <summary>The agent's registered contact, else its configured endpoint.</summary>
    private Task<string?> EndpointOf(string agentId) => grains.Agent(tenantId, agentId).GetEndpoint();

    private async Task RunFollowAsync(Followed followed, InteractionSnapshot snapshot)
    {
        await followed.Follow.RunAsync(snapshot, e => GatewayEdgeLog.FollowFailed(logger, tenantId, followed.InteractionId, e.Message));
        End(followed);
    }

    /// <summary>One hold less; the last one ends the follow.</summary>
    private void Release(Followed followed)
    {
        if (followed.Release())
        {
            End(followed);
        }
    }

    /// <summary>The interaction is final, or nobody holds its follow: no more of its events are passed on.</summary>
    private void End(Followed followed)
    {
        followed.End();
        if (_followed.TryRemove(new KeyValuePair<string, Followed>(followed.InteractionId, followed)))
        {
            Interlocked.Decrement(ref _followedCount);
        }
        followed.Follow.Stop();
        followed.Renewal?.Dispose();
    }

    private Task SendAsync(Contracts.V1.InteractionEvent interactionEvent, CancellationToken cancellationToken)
    {
        _outbox.Writer.TryWrite(new GatewayEvent { InteractionEvent = interactionEvent });
        return Task.CompletedTask;
    }

    private void Reply(GatewayReply reply) => _outbox.Writer.TryWrite(new GatewayEvent { Reply = reply });

    private static GatewayReply Refusal(ulong requestId, StatusCode code, string message) =>
        new() { RequestId = requestId, StatusCode = EdgeStatuses.ToName(code), Message = message };

    /// <summary>A followed interaction, how many of the gateway's creates and follows hold it, and its place in the
    /// renewal schedule.</summary>
    private sealed class Followed(string interactionId, GatewayFollow follow)
    {
        private readonly Lock _lock = new();
        private int _holds = 1;
        private bool _started;
        private bool _ended;

        public string InteractionId => interactionId;

        public GatewayFollow Follow => follow;

        public IDisposable? Renewal { get; set; }

        /// <summary>One more hold, unless it has ended.</summary>
        public bool Hold()
        {
            lock (_lock)
            {
                if (_ended)
                {
                    return false;
                }
                _holds++;
                return true;
            }
        }

        /// <summary>One hold less; true when it was the last.</summary>
        public bool Release()
        {
            lock (_lock)
            {
                return --_holds == 0;
            }
        }

        /// <summary>True for the first caller only: one event pump per follow.</summary>
        public bool TryStart()
        {
            lock (_lock)
            {
                if (_started || _ended)
                {
                    return false;
                }
                _started = true;
                return true;
            }
        }

        public void End()
        {
            lock (_lock)
            {
                _ended = true;
            }
        }
    }
}
