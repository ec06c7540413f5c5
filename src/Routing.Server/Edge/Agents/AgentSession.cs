using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Routing.Abstractions;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Interactions;
using Routing.Configuration;
using Routing.Contracts.V1;
using Channel = System.Threading.Channels.Channel;
using OfferOutcome = Routing.Abstractions.Interactions.OfferOutcome;

namespace Routing.Server.Edge.Agents;

/// <summary>
/// One agent session stream. The session itself lives in the agent grain (so it can be resumed on any
/// silo); this object is the grain's observer for as long as the stream lasts, and the grain alone says
/// whether this stream holds the session: of streams attaching at the same time, one does and every other
/// is told, refused and closed. Events go through one outbox so only one write is ever in flight on the
/// response stream.
/// </summary>
internal sealed class AgentSession(
    IGrainFactory grains, string tenantId, string agentId, AgentEdgeOptions options, SessionRenewalSchedule renewals, CallerRateLimit rateLimit, ILogger logger)
    : IAgentSessionObserver, ISessionRenewal
{
    private readonly Channel<AgentEvent> _outbox = Channel.CreateUnbounded<AgentEvent>(new() { SingleReader = true });
    private readonly CancellationTokenSource _ended = new();
    private readonly IAgentGrain _agent = grains.Agent(tenantId, agentId);
    private string _sessionId = "";
    private IAgentSessionObserver? _reference;

    public async Task RunAsync(Hello hello, IAsyncStreamReader<AgentCommand> commands, IServerStreamWriter<AgentEvent> events, CancellationToken cancellationToken)
    {
        var reference = _reference = grains.CreateObjectReference<IAgentSessionObserver>(this);
        var reason = "client closed the stream";
        try
        {
            var resumed = await StartAsync(hello, reference, events, cancellationToken);
            AgentEdgeLog.SessionStarted(logger, tenantId, agentId, _sessionId, resumed);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _ended.Token);
            var writer = WriteLoopAsync(events, cancellationToken);
            using var renewal = renewals.Register(this);
            var executor = new AgentCommands(grains, tenantId, agentId, new AgentCommandAdmission(rateLimit, _agent, reference), logger);
            try
            {
                while (await commands.MoveNext(linked.Token))
                {
                    _outbox.Writer.TryWrite(new AgentEvent { CommandResult = await executor.ExecuteAsync(commands.Current) });
                    if (executor.SessionLost)
                    {
                        // The notice of the takeover is late or lost: end the stream as it would have.
                        await OnSessionEnded(_sessionId);
                    }
                }
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                reason = _ended.IsCancellationRequested ? "replaced by a newer stream" : "stream cancelled";
            }
            catch (IOException)
            {
                reason = "stream broken";
            }
            await _ended.CancelAsync();
            _outbox.Writer.TryComplete();
            await writer;
        }
        finally
        {
            if (_sessionId.Length > 0)
            {
                AgentEdgeLog.StreamEnded(logger, tenantId, agentId, _sessionId, reason);
                await DetachAsync(reference);
            }
            grains.DeleteObjectReference<IAgentSessionObserver>(reference);
            _ended.Dispose();
        }
    }

    /// <summary>Attaches the session at the agent grain and writes SessionStarted before any event.</summary>
    private async Task<bool> StartAsync(Hello hello, IAgentSessionObserver reference, IServerStreamWriter<AgentEvent> events, CancellationToken cancellationToken)
    {
        AgentSnapshot snapshot;
        bool resumed;
        try
        {
            var current = hello.ResumeSessionId.Length > 0 ? await _agent.GetSessionId() : null;
            resumed = current is not null && current == hello.ResumeSessionId;
            // Known before the attach: the grain may tell this stream it was replaced before the attach returns,
            // and an attach whose answer is lost still gets its detach.
            _sessionId = resumed ? current! : "s-" + Guid.NewGuid().ToString("N");
            snapshot = await _agent.AttachSession(_sessionId, options.SessionGracePeriod, reference);
        }
        catch (RoutingException e)
        {
            // Refused: nothing was attached, so there is nothing to detach or report.
            _sessionId = "";
            throw RoutingExceptionInterceptor.ToRpcException(e);
        }
        var started = new SessionStarted
        {
            SessionId = _sessionId,
            GracePeriod = Duration.FromTimeSpan(options.SessionGracePeriod),
            State = snapshot.ToProto(),
            Resumed = resumed,
        };
        started.Interactions.Add(snapshot.Slots.Select(s => s.ToProto()));
        // The outbox is not drained yet, so events the grain pushed meanwhile follow this one.
        await events.WriteAsync(new AgentEvent { SessionStarted = started }, cancellationToken);
        return resumed;
    }

    private async Task WriteLoopAsync(IServerStreamWriter<AgentEvent> events, CancellationToken cancellationToken)
    {
        if (!await StreamOutbox.DrainAsync(_outbox.Reader, events, cancellationToken))
        {
            await _ended.CancelAsync();
        }
    }

    /// <summary>Observers are not durable: the schedule renews the subscription each period, and at once when a
    /// silo of the cluster dies (it may have held the agent grain, whose new activation knows no observer). A
    /// refusal means the session was taken over (a notice that got lost): end this stream.</summary>
    public async Task RenewAsync()
    {
        if (_ended.IsCancellationRequested || _reference is not { } reference)
        {
            return;
        }
        try
        {
            if (!await _agent.RenewSession(_sessionId, reference))
            {
                await OnSessionEnded(_sessionId);
            }
        }
        catch (Exception e)
        {
            AgentEdgeLog.RenewFailed(logger, e, tenantId, agentId, _sessionId);
        }
    }

    private async Task DetachAsync(IAgentSessionObserver reference)
    {
        try
        {
            // Ignored by the grain when this stream no longer holds the session.
            await _agent.DetachSession(_sessionId, options.SessionGracePeriod, reference);
        }
        catch (Exception e)
        {
            AgentEdgeLog.DetachFailed(logger, e, tenantId, agentId, _sessionId);
        }
    }

    public Task OnOffer(OfferNotice offer)
    {
        if (offer.AgentState is { } state)
        {
            // The state the offer brings goes first, as its own event.
            OnStateChanged(state);
        }
        _outbox.Writer.TryWrite(new AgentEvent { Offer = offer.ToProto() });
        return Task.CompletedTask;
    }

    public Task OnOfferEnded(string interactionId, OfferOutcome outcome)
    {
        _outbox.Writer.TryWrite(new AgentEvent { OfferEnded = new OfferEnded { InteractionId = interactionId, Outcome = outcome.ToProto() } });
        return Task.CompletedTask;
    }

    public Task OnStateChanged(AgentSnapshot snapshot)
    {
        _outbox.Writer.TryWrite(new AgentEvent { StateChanged = new StateChanged { State = snapshot.ToProto() } });
        return Task.CompletedTask;
    }

    public Task OnTransferNotice(TransferNotice notice)
    {
        _outbox.Writer.TryWrite(new AgentEvent { TransferUpdate = notice.ToProto() });
        return Task.CompletedTask;
    }

    /// <summary>This observer belongs to this stream alone, so any notice means this stream lost the session
    /// (whatever the id: streams resuming one session share it), even one that comes before the attach returns.</summary>
    public async Task OnSessionEnded(string sessionId)
    {
        if (_ended.IsCancellationRequested)
        {
            return;
        }
        _outbox.Writer.TryWrite(new AgentEvent { SessionEnded = new SessionEnded { SessionId = sessionId, Reason = "replaced by a newer stream" } });
        try
        {
            await _ended.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // The stream had already ended.
        }
    }
}
