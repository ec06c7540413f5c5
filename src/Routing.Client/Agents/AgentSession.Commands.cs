using System.Runtime.ExceptionServices;
using Grpc.Core;
using Routing.Contracts.V1;

namespace Routing.Client.Agents;

public sealed partial class AgentSession
{
    /// <summary>Logs in (Offline → NOT_READY "logged-in"); does nothing when already logged in.</summary>
    public Task LoginAsync(CancellationToken cancellationToken = default) =>
        SendAsync(new AgentCommand { Login = new Login() }, cancellationToken);

    /// <summary>Available for offers (logs in first when offline).</summary>
    public Task SetReadyAsync(CancellationToken cancellationToken = default) =>
        SendAsync(new AgentCommand { SetReady = new SetReady() }, cancellationToken);

    /// <summary>No new offers until ready again, for <paramref name="reason"/> (e.g. "break").</summary>
    public Task SetNotReadyAsync(string reason, CancellationToken cancellationToken = default) =>
        SendAsync(new AgentCommand { SetNotReady = new SetNotReady { Reason = reason } }, cancellationToken);

    /// <summary>Takes a ringing offer.</summary>
    public Task AcceptAsync(string interactionId, CancellationToken cancellationToken = default) =>
        SendAsync(new AgentCommand { Accept = new Accept { InteractionId = interactionId } }, cancellationToken);

    /// <summary>Declines a ringing offer: it goes back to its place in line.</summary>
    public Task RejectAsync(string interactionId, CancellationToken cancellationToken = default) =>
        SendAsync(new AgentCommand { Reject = new Reject { InteractionId = interactionId } }, cancellationToken);

    /// <summary>Ends the conversation; wrap-up starts.</summary>
    public Task EndAsync(string interactionId, CancellationToken cancellationToken = default) =>
        SendAsync(new AgentCommand { End = new End { InteractionId = interactionId } }, cancellationToken);

    /// <summary>Finishes wrap-up with a disposition code (and optional note).</summary>
    public Task CompleteAsync(string interactionId, string dispositionCode, string note = "", CancellationToken cancellationToken = default) =>
        SendAsync(new AgentCommand { Complete = new Complete { InteractionId = interactionId, Disposition = new Disposition { Code = dispositionCode, Note = note } } }, cancellationToken);

    /// <summary>Transfers a connected interaction to <paramref name="target"/> (a queue or an agent, blind or
    /// consult). A <see cref="TransferUpdated"/> event follows when the agent's part ends or a consult fails.</summary>
    public Task TransferAsync(string interactionId, TransferTarget target, CancellationToken cancellationToken = default) =>
        SendAsync(new AgentCommand { Transfer = new Transfer { InteractionId = interactionId, Target = target } }, cancellationToken);

    /// <summary>Transfers a connected interaction to a queue: blind (the agent's part ends now) or, with
    /// <paramref name="consult"/>, once an agent of that queue accepts.</summary>
    public Task TransferToQueueAsync(string interactionId, string queueId, bool consult = false, CancellationToken cancellationToken = default) =>
        TransferAsync(interactionId, new TransferTarget { QueueId = queueId, Consult = consult }, cancellationToken);

    /// <summary>Transfers a connected interaction to another agent: blind (falling back to
    /// <paramref name="fallbackQueueId"/>, default its current queue) or, with <paramref name="consult"/>, once that
    /// agent accepts.</summary>
    public Task TransferToAgentAsync(string interactionId, string agentId, bool consult = false, string? fallbackQueueId = null, CancellationToken cancellationToken = default) =>
        TransferAsync(interactionId, new TransferTarget { AgentId = agentId, Consult = consult, FallbackQueueId = fallbackQueueId ?? "" }, cancellationToken);

    /// <summary>Calls off a consult in progress; the interaction stays connected to the agent.</summary>
    public Task CancelConsultAsync(string interactionId, CancellationToken cancellationToken = default) =>
        SendAsync(new AgentCommand { CancelConsult = new CancelConsult { InteractionId = interactionId } }, cancellationToken);

    /// <summary>Asks for <paramref name="more"/> wrap-up time on an interaction this agent is wrapping up; returns the
    /// new deadline (server clock). FAILED_PRECONDITION (an <see cref="AgentCommandException"/>) beyond the queue's
    /// maximum extension in all, or when the agent is not wrapping it up.</summary>
    public async Task<DateTimeOffset?> ExtendWrapUpAsync(string interactionId, TimeSpan more, CancellationToken cancellationToken = default)
    {
        var result = await SendAsync(new AgentCommand
        {
            ExtendWrapUp = new ExtendWrapUp { InteractionId = interactionId, More = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(more) },
        }, cancellationToken).ConfigureAwait(false);
        return result.WrapUpDeadline?.ToDateTimeOffset();
    }

    /// <summary>Logs out; ringing offers go back to their queue. Refused while work is connected or in wrap-up.</summary>
    public Task LogoutAsync(CancellationToken cancellationToken = default) =>
        SendAsync(new AgentCommand { Logout = new Logout() }, cancellationToken);

    /// <summary>Sends <paramref name="command"/> once the session is connected and waits for its result,
    /// both within the command timeout.</summary>
    private async Task<CommandResult> SendAsync(AgentCommand command, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_lifetime.IsCancellationRequested, this);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        timeout.CancelAfter(_options.CommandTimeout);
        var id = "c-" + Interlocked.Increment(ref _commands).ToString(System.Globalization.CultureInfo.InvariantCulture);
        command.CommandId = id;
        var answer = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        try
        {
            var call = await Volatile.Read(ref _connected).Task.WaitAsync(timeout.Token).ConfigureAwait(false);
            await _writeLock.WaitAsync(timeout.Token).ConfigureAwait(false);
            if (await WriteAndReleaseAsync(call, command).WaitAsync(timeout.Token).ConfigureAwait(false) is { } failure)
            {
                ExceptionDispatchInfo.Throw(failure);
            }
            var result = await answer.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
            if (!result.Ok)
            {
                throw new AgentCommandException(AgentCommandException.Parse(result.StatusCode), result.Message);
            }
            return result;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !_lifetime.IsCancellationRequested)
        {
            throw new AgentCommandException(StatusCode.DeadlineExceeded, $"no answer to {command.CommandCase} within {_options.CommandTimeout}");
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException or IOException)
        {
            throw new AgentCommandException(StatusCode.Unavailable,
                $"the agent stream dropped while sending {command.CommandCase}; it was not sent", e);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Writes <paramref name="command"/>, releases the write lock and returns the write's failure, if any. The
    /// write gets no token: gRPC cancels the whole call when a write's token fires, so one command given up by its
    /// caller would drop the session's stream. A caller that gives up stops waiting instead; the write finishes (or
    /// fails with the stream) on its own, the next write waits for it, and nothing is left unobserved.</summary>
    private async Task<Exception?> WriteAndReleaseAsync(AsyncDuplexStreamingCall<AgentCommand, AgentEvent> call, AgentCommand command)
    {
        try
        {
            await call.RequestStream.WriteAsync(command).ConfigureAwait(false);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
