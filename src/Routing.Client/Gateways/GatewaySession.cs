using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Routing.Contracts.V1;
using Channel = System.Threading.Channels.Channel;

namespace Routing.Client.Gateways;

/// <summary>
/// A gateway's session with the cluster (gateway.proto): one stream carries the creates of all the gateway's calls and
/// the events of the interactions it follows, instead of a Create call and a Watch stream per call. It connects in the
/// background and reconnects by itself, to any server of the client's: commands not answered yet are sent again (a
/// create carries its id, so a repeat creates nothing twice) and every interaction still followed is followed again,
/// passing on only the events it missed. Thread-safe; one per gateway process.
/// </summary>
public sealed class GatewaySession : IAsyncDisposable
{
    private readonly GatewayService.GatewayServiceClient _client;
    private readonly RoutingClientOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<ulong, PendingCommand> _pending = new();
    private readonly Followers _followers = new();
    private readonly Task _loop;
    private Connection? _connection;
    private RpcException? _refused;
    private long _nextRequestId;
    private int _generation;

    internal GatewaySession(GrpcChannel channel, RoutingClientOptions options, ILogger logger)
    {
        _client = new GatewayService.GatewayServiceClient(channel);
        _options = options;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Creates the interaction (as <see cref="InteractionsClient.CreateAsync"/> does, with the same refusals as
    /// <see cref="RpcException"/>s) and follows it. When the request has no id, one is chosen here, so a command sent
    /// again after a reconnect cannot create the interaction twice. UNAVAILABLE refusals are tried again, as a call's.</summary>
    public Task<FollowedInteraction> CreateAsync(CreateInteractionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.InteractionId.Length == 0)
        {
            request = request.Clone();
            request.InteractionId = InteractionsClient.NewInteractionId();
        }
        return RequestAsync(new GatewayCommand { Create = request }, cancellationToken);
    }

    /// <summary>Follows an interaction that exists: its events so far, then new ones until it is final. NOT_FOUND
    /// (as an <see cref="RpcException"/>) when the tenant has no such interaction.</summary>
    public Task<FollowedInteraction> FollowAsync(string interactionId, CancellationToken cancellationToken = default) =>
        RequestAsync(new GatewayCommand { Follow = new FollowInteraction { InteractionId = interactionId } }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        var stopped = new OperationCanceledException("the gateway session was disposed");
        foreach (var pending in _pending.Values)
        {
            pending.Fail(stopped);
        }
        foreach (var followed in _followers.RemoveAll())
        {
            followed.Fail(stopped);
        }
        _lifetime.Dispose();
    }

    private async Task<FollowedInteraction> RequestAsync(GatewayCommand command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (command.CalculateSize() > MaxCommandBytes)
        {
            // The server would end the whole stream for it, and every call on it would have to follow again.
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"the command is larger than the edge's {MaxCommandBytes / 1024} KiB message limit"));
        }
        if (_refused is { } refused && _connection is null)
        {
            // The server refused the session for good (no valid token, not a gateway): so would it this command.
            throw new RpcException(refused.Status);
        }
        var answer = new TaskCompletionSource<FollowedInteraction>(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = 0;
        PendingCommand? pending = null;
        // Runs on the read loop, before the next message is read: the follow is in place before its first event.
        pending = new PendingCommand(command, reply =>
        {
            if (reply.StatusCode == Ok)
            {
                var followed = new FollowedInteraction(reply.Snapshot, Unfollow);
                if (!followed.Ended)
                {
                    _followers.Add(followed);
                }
                if (!answer.TrySetResult(followed))
                {
                    // Whoever asked stopped waiting (cancelled, or out of time): nobody reads it.
                    followed.Dispose();
                }
            }
            else if (StatusOf(reply) == StatusCode.Unavailable && ++attempts < _options.MaxAttempts)
            {
                _ = SendLaterAsync(pending!, attempts);
            }
            else
            {
                answer.TrySetException(new RpcException(new Status(StatusOf(reply), reply.Message)));
            }
        }, failure => answer.TrySetException(failure));
        Send(pending);
        // The answer is settled before the command is forgotten, so a reply that comes in between finds it settled and
        // lets its follow go.
        using var cancel = cancellationToken.Register(() =>
        {
            answer.TrySetCanceled(cancellationToken);
            Forget(pending);
        });
        using var timeout = new CancellationTokenSource(_options.CallTimeout);
        using var expire = timeout.Token.Register(() =>
        {
            answer.TrySetException(new RpcException(new Status(StatusCode.DeadlineExceeded, $"the gateway session had no reply within {_options.CallTimeout}")));
            Forget(pending);
        });
        return await answer.Task.ConfigureAwait(false);
    }

    /// <summary>Sends the command on the current stream, or leaves it for the next one; nothing once it is forgotten
    /// (its caller stopped waiting).</summary>
    private void Send(PendingCommand pending)
    {
        lock (_gate)
        {
            SendLocked(pending);
        }
    }

    private void SendLocked(PendingCommand pending)
    {
        if (pending.Forgotten)
        {
            return;
        }
        pending.Command.RequestId = (ulong)Interlocked.Increment(ref _nextRequestId);
        _pending[pending.Command.RequestId] = pending;
        if (_connection is { } connection)
        {
            pending.SentOn = connection.Generation;
            connection.Outbox.Writer.TryWrite(pending.Command);
        }
    }

    private async Task SendLaterAsync(PendingCommand pending, int attempt)
    {
        // Jittered, so the follows a reconnect sent together do not come back together.
        var delay = Backoff(attempt) * (0.5 + Random.Shared.NextDouble());
        try
        {
            await Task.Delay(delay, _lifetime.Token).ConfigureAwait(false);
            Send(pending);
        }
        catch (OperationCanceledException)
        {
            pending.Fail(new OperationCanceledException("the gateway session was disposed"));
        }
    }

    private void Forget(PendingCommand pending)
    {
        lock (_gate)
        {
            pending.Forgotten = true;
            _pending.TryRemove(new KeyValuePair<ulong, PendingCommand>(pending.Command.RequestId, pending));
        }
    }

    /// <summary>Each create or follow holds the server's follow once, so each one let go is one unfollow.</summary>
    private void Unfollow(FollowedInteraction followed)
    {
        // Under the gate with a reconnect's follows sent again: either the new stream follows it again and hears the
        // unfollow after, or it is not followed there at all.
        lock (_gate)
        {
            if (_followers.Remove(followed))
            {
                _connection?.Outbox.Writer.TryWrite(new GatewayCommand { Unfollow = new UnfollowInteraction { InteractionId = followed.InteractionId } });
            }
        }
    }

    private async Task RunAsync()
    {
        var failures = 0;
        while (!_lifetime.IsCancellationRequested)
        {
            using var call = _client.Connect(new CallOptions(cancellationToken: _lifetime.Token));
            Connection? connection = null;
            try
            {
                // The server sends its headers once it has accepted the session (token and role checked).
                await call.ResponseHeadersAsync.WaitAsync(_options.CallTimeout, _lifetime.Token).ConfigureAwait(false);
                connection = Adopt(call);
                _refused = null;
                failures = 0;
                await ReadAsync(call).ConfigureAwait(false);
                throw new RpcException(new Status(StatusCode.Unavailable, "the server ended the gateway session"));
            }
            catch (Exception) when (_lifetime.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                failures++;
                if (failure is RpcException { StatusCode: StatusCode.Unauthenticated or StatusCode.PermissionDenied or StatusCode.Unimplemented } refused)
                {
                    // Refused for good (no valid token, not a gateway, a server without sessions): what waits is told
                    // why, and new commands fail at once until a stream is accepted (a renewed token).
                    _refused = refused;
                    FailAll(failure);
                }
                GatewaySessionLog.Dropped(_logger, failures, failure.Message);
            }
            finally
            {
                Detach(connection);
            }
            try
            {
                await Task.Delay(Backoff(failures), _lifetime.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private Connection Adopt(AsyncDuplexStreamingCall<GatewayCommand, GatewayEvent> call)
    {
        var connection = new Connection(call, Interlocked.Increment(ref _generation));
        _ = connection.WriteLoopAsync();
        lock (_gate)
        {
            _connection = connection;
            foreach (var pending in _pending.Values.Where(p => p.SentOn != connection.Generation))
            {
                pending.SentOn = connection.Generation;
                connection.Outbox.Writer.TryWrite(pending.Command);
            }
            foreach (var followed in _followers.All())
            {
                SendLocked(FollowAgain(followed));
            }
        }
        return connection;
    }

    /// <summary>After a reconnect: the interaction's snapshot brings what the old stream missed, then events continue. A
    /// reconnect sends one follow for every call at once, beyond the caller's rate limit when the gateway carries many:
    /// those refused for the limit (or UNAVAILABLE) are sent again after a pause, for as long as the call is followed.
    /// Any other refusal ends the follow with it.</summary>
    private PendingCommand FollowAgain(FollowedInteraction followed)
    {
        var attempts = 0;
        PendingCommand? pending = null;
        pending = new PendingCommand(new GatewayCommand { Follow = new FollowInteraction { InteractionId = followed.InteractionId } }, reply =>
        {
            var status = StatusOf(reply);
            if (status == StatusCode.OK)
            {
                followed.CatchUp(reply.Snapshot);
            }
            else if (status is StatusCode.ResourceExhausted or StatusCode.Unavailable && !followed.Ended)
            {
                _ = SendLaterAsync(pending!, ++attempts);
            }
            else
            {
                _followers.Remove(followed);
                followed.Fail(new RpcException(new Status(status, reply.Message)));
            }
        }, failure =>
        {
            _followers.Remove(followed);
            followed.Fail(failure);
        });
        return pending;
    }

    private void Detach(Connection? connection)
    {
        if (connection is null)
        {
            return;
        }
        lock (_gate)
        {
            if (_connection == connection)
            {
                _connection = null;
            }
        }
        connection.Outbox.Writer.TryComplete();
    }

    private async Task ReadAsync(AsyncDuplexStreamingCall<GatewayCommand, GatewayEvent> call)
    {
        await foreach (var message in call.ResponseStream.ReadAllAsync(_lifetime.Token).ConfigureAwait(false))
        {
            switch (message.EventCase)
            {
                case GatewayEvent.EventOneofCase.Reply:
                    OnReply(message.Reply);
                    break;
                case GatewayEvent.EventOneofCase.InteractionEvent:
                    foreach (var followed in _followers.Of(message.InteractionEvent.InteractionId))
                    {
                        followed.Deliver(message.InteractionEvent);
                        if (followed.Ended)
                        {
                            _followers.Remove(followed);
                        }
                    }
                    break;
            }
        }
    }

    private void OnReply(GatewayReply reply)
    {
        if (_pending.TryRemove(reply.RequestId, out var pending))
        {
            pending.OnReply(reply);
        }
        else if (reply.Snapshot is { } snapshot && !snapshot.Status.IsFinal())
        {
            // Whoever asked gave up waiting: the server need not follow it for nobody.
            lock (_gate)
            {
                _connection?.Outbox.Writer.TryWrite(new GatewayCommand { Unfollow = new UnfollowInteraction { InteractionId = snapshot.InteractionId } });
            }
        }
    }

    private void FailAll(Exception failure)
    {
        foreach (var pending in _pending.Values)
        {
            Forget(pending);
            pending.Fail(failure);
        }
        foreach (var followed in _followers.RemoveAll())
        {
            followed.Fail(failure);
        }
    }

    private static TimeSpan Backoff(int failures) =>
        TimeSpan.FromTicks(Math.Min(CallRetryBackoff.Max.Ticks, CallRetryBackoff.First.Ticks << Math.Min(Math.Max(failures - 1, 0), 10)));

    private const string Ok = "OK";

    /// <summary>The edge's limit on one message (gateway.proto's commands included).</summary>
    private const int MaxCommandBytes = 64 * 1024;

    /// <summary>"FAILED_PRECONDITION" → <see cref="StatusCode.FailedPrecondition"/>; an unknown name is UNKNOWN.</summary>
    private static StatusCode StatusOf(GatewayReply reply) =>
        Enum.TryParse<StatusCode>(reply.StatusCode.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var code) ? code : StatusCode.Unknown;

    /// <summary>The interactions followed, each by one or more of the gateway's calls (a caller transferred back through
    /// the gateway while its first call's dialog ends).</summary>
    private sealed class Followers
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, List<FollowedInteraction>> _byInteraction = new(StringComparer.Ordinal);

        public void Add(FollowedInteraction followed)
        {
            lock (_lock)
            {
                if (!_byInteraction.TryGetValue(followed.InteractionId, out var list))
                {
                    _byInteraction[followed.InteractionId] = list = [];
                }
                list.Add(followed);
            }
        }

        /// <summary>False when it was not followed any more.</summary>
        public bool Remove(FollowedInteraction followed)
        {
            lock (_lock)
            {
                if (!_byInteraction.TryGetValue(followed.InteractionId, out var list) || !list.Remove(followed))
                {
                    return false;
                }
                if (list.Count == 0)
                {
                    _byInteraction.Remove(followed.InteractionId);
                }
                return true;
            }
        }

        public FollowedInteraction[] Of(string interactionId)
        {
            lock (_lock)
            {
                return _byInteraction.TryGetValue(interactionId, out var list) ? [.. list] : [];
            }
        }

        public FollowedInteraction[] All()
        {
            lock (_lock)
            {
                return [.. _byInteraction.Values.SelectMany(list => list)];
            }
        }

        public FollowedInteraction[] RemoveAll()
        {
            lock (_lock)
            {
                FollowedInteraction[] all = [.. _byInteraction.Values.SelectMany(list => list)];
                _byInteraction.Clear();
                return all;
            }
        }
    }

    /// <summary>A command waiting for its reply, and the stream it was last sent on.</summary>
    private sealed class PendingCommand(GatewayCommand command, Action<GatewayReply> onReply, Action<Exception> fail)
    {
        public GatewayCommand Command => command;

        public int SentOn { get; set; }

        /// <summary>Its caller stopped waiting: it is not sent again.</summary>
        public bool Forgotten { get; set; }

        public void OnReply(GatewayReply reply) => onReply(reply);

        public void Fail(Exception failure) => fail(failure);
    }

    /// <summary>One stream of the session, and the commands waiting to be written to it, one writer at a time.</summary>
    private sealed class Connection(AsyncDuplexStreamingCall<GatewayCommand, GatewayEvent> call, int generation)
    {
        public int Generation => generation;

        public Channel<GatewayCommand> Outbox { get; } = Channel.CreateUnbounded<GatewayCommand>(new UnboundedChannelOptions { SingleReader = true });

        public async Task WriteLoopAsync()
        {
            try
            {
                await foreach (var command in Outbox.Reader.ReadAllAsync().ConfigureAwait(false))
                {
                    await call.RequestStream.WriteAsync(command).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is RpcException or IOException or InvalidOperationException or OperationCanceledException)
            {
                // The stream broke: the read loop sees it too and reconnects; what was not answered is sent again.
            }
        }
    }
}
