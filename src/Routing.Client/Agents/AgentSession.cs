using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Polly;
using Routing.Contracts.V1;

namespace Routing.Client.Agents;

/// <summary>
/// An agent app's session on its bidirectional stream (agent.proto). Commands are methods that return
/// when the server has carried them out (or throw <see cref="AgentCommandException"/>); offers, state
/// changes and connection changes arrive on <see cref="Events"/>. When the stream drops, the session
/// reconnects (to any server of the client's list) with backoff and resumes with its session id, so the
/// agent keeps state, offers and interactions if it is back within the server's grace period.
/// </summary>
public sealed partial class AgentSession : IAsyncDisposable
{
    private readonly AgentService.AgentServiceClient _client;
    private readonly string _agentId;
    private readonly AgentReconnectOptions _options;
    private readonly ILogger _logger;
    private readonly System.Threading.Channels.Channel<AgentSessionEvent> _events = System.Threading.Channels.Channel.CreateUnbounded<AgentSessionEvent>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<CommandResult>> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _stateLock = new();
    private TaskCompletionSource<AsyncDuplexStreamingCall<AgentCommand, AgentEvent>> _connected = NewConnectedSignal();
    private Task _loop = Task.CompletedTask;
    private AgentState? _state;
    private long _commands;

    private readonly CallCredentials? _credentials;

    internal AgentSession(GrpcChannel channel, string agentId, AgentReconnectOptions options, CallCredentials? credentials, ILogger logger)
    {
        _credentials = credentials;
        _client = new AgentService.AgentServiceClient(channel);
        _agentId = agentId ?? string.Empty;
        _options = options;
        _logger = logger;
    }

    /// <summary>The session id; keep it to resume the session from a new process within the grace period.</summary>
    public string SessionId { get; private set; } = string.Empty;

    /// <summary>How long after a drop the server keeps the session.</summary>
    public TimeSpan GracePeriod { get; private set; }

    /// <summary>What the server said when the session (first) started: state, resumed or not, current interactions.</summary>
    public SessionStarted Started { get; private set; } = new();

    /// <summary>The agent's latest known state.</summary>
    public AgentState State
    {
        get
        {
            lock (_stateLock)
            {
                return _state ?? new AgentState();
            }
        }
    }

    /// <summary>Offers, state changes and connection changes, in order. Ends after <see cref="SessionClosed"/>.</summary>
    public ChannelReader<AgentSessionEvent> Events => _events.Reader;

    /// <summary>Completes when the session is closed for good.</summary>
    public Task Completion => _events.Reader.Completion;

    /// <summary>Opening a session tries this many times when a server is unreachable (another listed server
    /// may answer); a refusal (e.g. PERMISSION_DENIED) fails at once.</summary>
    private const int StartAttempts = 4;

    internal async Task StartAsync(string? resumeSessionId, CancellationToken cancellationToken)
    {
        var (call, started) = await Reconnection.Pipeline(_options.FirstDelay, _options.MaxDelay, StartAttempts - 1).ExecuteAsync(
            async ct => await ConnectAsync(resumeSessionId, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        Started = started;
        Adopt(call, started);
        _loop = RunAsync(call);
    }

    /// <summary>Closes the stream without logging out: the server keeps the agent for its grace period
    /// (call <see cref="LogoutAsync"/> first to end the working day).</summary>
    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _events.Writer.TryComplete();
        // The write lock is not disposed: a write its caller gave up on may still release it.
        _lifetime.Dispose();
    }

    /// <summary>Opens a stream, says hello and waits for SessionStarted, within the connect timeout.</summary>
    private async Task<(AsyncDuplexStreamingCall<AgentCommand, AgentEvent> Call, SessionStarted Started)> ConnectAsync(string? resumeSessionId, CancellationToken cancellationToken)
    {
        var call = _client.Connect(new CallOptions(cancellationToken: _lifetime.Token, credentials: _credentials));
        try
        {
            // The bound is enforced here rather than through the read's token, and the call is disposed when
            // it passes: a stream on a connection that went half-open can ignore both.
            return await HelloAsync(call, resumeSessionId).WaitAsync(_options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            call.Dispose();
            throw new RpcException(new Status(StatusCode.Unavailable, $"no session started within {_options.ConnectTimeout}"));
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }

    private async Task<(AsyncDuplexStreamingCall<AgentCommand, AgentEvent> Call, SessionStarted Started)> HelloAsync(
        AsyncDuplexStreamingCall<AgentCommand, AgentEvent> call, string? resumeSessionId)
    {
        try
        {
            await call.RequestStream.WriteAsync(new AgentCommand { Hello = new Hello { AgentId = _agentId, ResumeSessionId = resumeSessionId ?? string.Empty } }).ConfigureAwait(false);
        }
        catch (RpcException)
        {
            // Refused before hello was read (e.g. no valid token): reading the answer reports why.
        }
        if (!await call.ResponseStream.MoveNext(_lifetime.Token).ConfigureAwait(false))
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "the server closed the agent stream before the session started"));
        }
        var first = call.ResponseStream.Current;
        return first.EventCase == AgentEvent.EventOneofCase.SessionStarted
            ? (call, first.SessionStarted)
            : throw new RpcException(new Status(StatusCode.Internal, $"the server answered hello with {first.EventCase} instead of SessionStarted"));
    }

    private void Adopt(AsyncDuplexStreamingCall<AgentCommand, AgentEvent> call, SessionStarted started)
    {
        SessionId = started.SessionId;
        GracePeriod = started.GracePeriod?.ToTimeSpan() ?? TimeSpan.Zero;
        UpdateState(started.State, force: true);
        AgentSessionLog.Started(_logger, _agentId, started.SessionId, started.Resumed);
        _connected.TrySetResult(call);
    }

    /// <summary>Reads the stream; when it drops, reconnects and resumes; ends when the session closes.</summary>
    private async Task RunAsync(AsyncDuplexStreamingCall<AgentCommand, AgentEvent> call)
    {
        while (true)
        {
            var (ended, failure) = await ReadUntilDroppedAsync(call).ConfigureAwait(false);
            Detach(call);
            if (_lifetime.IsCancellationRequested)
            {
                Close("disposed by the app", null);
                return;
            }
            if (ended is not null)
            {
                Close(ended.Reason, null);
                return;
            }
            if (!Reconnection.IsTransient(failure!, _lifetime.Token))
            {
                Close($"the server refused the session: {failure!.Message}", failure);
                return;
            }
            AgentSessionLog.Dropped(_logger, _agentId, failure!);
            _events.Writer.TryWrite(new SessionReconnecting(failure!));
            try
            {
                (call, var started) = await ReconnectPipeline().ExecuteAsync(
                    async ct => await ConnectAsync(SessionId, ct).ConfigureAwait(false), _lifetime.Token).ConfigureAwait(false);
                Adopt(call, started);
                _events.Writer.TryWrite(new SessionReconnected(started));
            }
            catch (Exception e) when (_lifetime.IsCancellationRequested)
            {
                Close("disposed by the app", e is OperationCanceledException ? null : e);
                return;
            }
            catch (Exception e)
            {
                Close($"could not reconnect: {e.Message}", e);
                return;
            }
        }
    }

    /// <summary>Reads events until the stream ends: with SessionEnded (the session moved on), or with a failure.</summary>
    private async Task<(SessionEnded? Ended, Exception? Failure)> ReadUntilDroppedAsync(AsyncDuplexStreamingCall<AgentCommand, AgentEvent> call)
    {
        try
        {
            while (await call.ResponseStream.MoveNext(_lifetime.Token).ConfigureAwait(false))
            {
                var e = call.ResponseStream.Current;
                if (e.EventCase == AgentEvent.EventOneofCase.SessionEnded)
                {
                    return (e.SessionEnded, null);
                }
                Dispatch(e);
            }
            return (null, new RpcException(new Status(StatusCode.Unavailable, "the server closed the agent stream")));
        }
        catch (Exception e)
        {
            return (null, e);
        }
    }

    private void Dispatch(AgentEvent e)
    {
        switch (e.EventCase)
        {
            case AgentEvent.EventOneofCase.CommandResult:
                if (_pending.TryGetValue(e.CommandResult.CommandId, out var pending))
                {
                    pending.TrySetResult(e.CommandResult);
                }
                break;
            case AgentEvent.EventOneofCase.Offer:
                _events.Writer.TryWrite(new OfferReceived(e.Offer));
                break;
            case AgentEvent.EventOneofCase.OfferEnded:
                _events.Writer.TryWrite(new OfferClosed(e.OfferEnded.InteractionId, e.OfferEnded.Outcome));
                break;
            case AgentEvent.EventOneofCase.TransferUpdate:
                _events.Writer.TryWrite(new TransferUpdated(e.TransferUpdate));
                break;
            case AgentEvent.EventOneofCase.StateChanged:
                if (UpdateState(e.StateChanged.State, force: false))
                {
                    _events.Writer.TryWrite(new AgentStateChanged(e.StateChanged.State));
                }
                break;
            default:
                // A newer server may send events this client does not know: skip them.
                break;
        }
    }

    private bool UpdateState(AgentState? state, bool force)
    {
        if (state is null)
        {
            return false;
        }
        lock (_stateLock)
        {
            if (!force && _state is not null && state.Version <= _state.Version)
            {
                return false;
            }
            _state = state;
            return true;
        }
    }

    /// <summary>The stream is gone: commands wait for the next one; those awaiting an answer fail, because
    /// the answer is lost with the stream.</summary>
    private void Detach(AsyncDuplexStreamingCall<AgentCommand, AgentEvent> call)
    {
        Volatile.Write(ref _connected, NewConnectedSignal());
        call.Dispose();
        foreach (var (id, pending) in _pending)
        {
            pending.TrySetException(new AgentCommandException(StatusCode.Unavailable,
                $"the agent stream dropped before command {id} was answered; it may or may not have been carried out"));
        }
    }

    private void Close(string reason, Exception? error)
    {
        AgentSessionLog.Closed(_logger, _agentId, reason);
        _connected.TrySetException(new AgentCommandException(StatusCode.Unavailable, $"the agent session is closed: {reason}", error));
        _connected.Task.Exception?.Handle(_ => true);
        _events.Writer.TryWrite(new SessionClosed(reason, error));
        _events.Writer.TryComplete();
    }

    private ResiliencePipeline ReconnectPipeline() =>
        Reconnection.Pipeline(_options.FirstDelay, _options.MaxDelay, int.MaxValue, args =>
        {
            AgentSessionLog.RetryScheduled(_logger, _agentId, args.AttemptNumber + 1, args.RetryDelay);
            return ValueTask.CompletedTask;
        }, failure => Reconnection.IsTransient(failure, _lifetime.Token));

    private static TaskCompletionSource<AsyncDuplexStreamingCall<AgentCommand, AgentEvent>> NewConnectedSignal() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
