using Grpc.Core;
using Orleans.Storage;
using Routing.Abstractions;
using Routing.Configuration;
using Routing.Contracts.V1;
using Routing.Server.Edge.Mapping;
using Disposition = Routing.Core.Lifecycle.Disposition;

namespace Routing.Server.Edge.Agents;

/// <summary>Carries out one command of an agent's session. A refused command answers ok=false with the
/// status code name; only a command refused because the stream lost the session ends the stream.</summary>
internal sealed class AgentCommands(IGrainFactory grains, string tenantId, string agentId, AgentCommandAdmission admission, ILogger logger)
{
    /// <summary>A stream flooding commands past its limit gets at most one log line this often.</summary>
    internal static readonly TimeSpan RateLimitLogInterval = TimeSpan.FromSeconds(10);

    private const int MaxCommandIdLength = 64;

    private long _nextRateLimitLog;
    private int _rateLimitedSinceLog;

    /// <summary>Whether the last command was refused because another stream holds the session now.</summary>
    public bool SessionLost { get; private set; }

    public async Task<CommandResult> ExecuteAsync(AgentCommand command)
    {
        var result = new CommandResult { CommandId = command.CommandId ?? "" };
        try
        {
            switch (await admission.AdmitAsync())
            {
                case Admission.RateLimited:
                    LogRateLimited();
                    return Refused(result, StatusCode.ResourceExhausted, CallerRateLimit.RefusedMessage);
                case Admission.SessionLost:
                    SessionLost = true;
                    return Refused(result, StatusCode.FailedPrecondition,
                        "this stream no longer holds the agent's session: another stream took it over; the command was not carried out");
            }
            if (result.CommandId.Length > MaxCommandIdLength)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"command_id is longer than {MaxCommandIdLength} characters"));
            }
            if (command.CommandCase == AgentCommand.CommandOneofCase.ExtendWrapUp)
            {
                result.WrapUpDeadline = await ExtendWrapUpAsync(command.ExtendWrapUp);
            }
            else
            {
                await RunRepeatingAfterConflictAsync(command);
            }
            result.Ok = true;
            result.StatusCode = EdgeStatuses.ToName(StatusCode.OK);
        }
        catch (Exception exception)
        {
            var status = EdgeStatuses.ToStatus(exception);
            if (status.StatusCode == StatusCode.Internal)
            {
                AgentEdgeLog.CommandFailed(logger, exception, tenantId, agentId, command.CommandCase.ToString());
            }
            Refused(result, status.StatusCode, status.Detail);
        }
        return result;
    }

    private static CommandResult Refused(CommandResult result, StatusCode code, string message)
    {
        result.Ok = false;
        result.StatusCode = EdgeStatuses.ToName(code);
        result.Message = message;
        return result;
    }

    /// <summary>One line for the first refusal, then at most one per interval with the count since the last.</summary>
    private void LogRateLimited()
    {
        _rateLimitedSinceLog++;
        var now = Environment.TickCount64;
        if (now < _nextRateLimitLog)
        {
            return;
        }
        AgentEdgeLog.CommandsRateLimited(logger, tenantId, agentId, _rateLimitedSinceLog, RateLimitLogInterval.TotalSeconds);
        _rateLimitedSinceLog = 0;
        _nextRateLimitLog = now + (long)RateLimitLogInterval.TotalMilliseconds;
    }

    /// <summary>
    /// Runs the command, and once more when it met a storage conflict: a write whose answer was lost with the store (Redis
    /// killed between doing it and answering) went through, so the grain's next write found a newer version than the one
    /// it held. Orleans deactivates a grain whose call throws the conflict, and its next activation reads what is stored,
    /// so the command runs there as it would have. Only commands that set a state the grain checks first, and whose calls to
    /// other grains a repeat may safely make again, are repeated (the conflict stored nothing of the first attempt). Not
    /// accept: its first attempt may have connected the agent's slot, which then refuses the repeat's confirmation.
    /// </summary>
    private async Task RunRepeatingAfterConflictAsync(AgentCommand command)
    {
        try
        {
            await RunAsync(command);
        }
        catch (InconsistentStateException exception) when (SafeToRepeat(command.CommandCase))
        {
            AgentEdgeLog.CommandRepeatedAfterConflict(logger, exception, tenantId, agentId, command.CommandCase.ToString());
            await RunAsync(command);
        }
    }

    private static bool SafeToRepeat(AgentCommand.CommandOneofCase command) => command is
        AgentCommand.CommandOneofCase.Login or AgentCommand.CommandOneofCase.SetReady or AgentCommand.CommandOneofCase.SetNotReady
        or AgentCommand.CommandOneofCase.Logout or AgentCommand.CommandOneofCase.End or AgentCommand.CommandOneofCase.Complete;

    private Task RunAsync(AgentCommand command)
    {
        var agent = grains.Agent(tenantId, agentId);
        return command.CommandCase switch
        {
            AgentCommand.CommandOneofCase.Login => agent.Login(),
            AgentCommand.CommandOneofCase.SetReady => agent.SetReady(),
            AgentCommand.CommandOneofCase.SetNotReady => agent.SetNotReady(command.SetNotReady.Reason),
            AgentCommand.CommandOneofCase.Logout => agent.Logout(),
            AgentCommand.CommandOneofCase.Accept => Interaction(command.Accept.InteractionId).Accept(agentId),
            AgentCommand.CommandOneofCase.Reject => Interaction(command.Reject.InteractionId).Reject(agentId),
            AgentCommand.CommandOneofCase.End => Interaction(command.End.InteractionId).End(agentId),
            AgentCommand.CommandOneofCase.Complete => Interaction(command.Complete.InteractionId).Complete(agentId, ToDisposition(command.Complete)),
            AgentCommand.CommandOneofCase.Transfer => Interaction(command.Transfer.InteractionId).Transfer(command.Transfer.Target.ToTransferRequest(agentId)),
            AgentCommand.CommandOneofCase.CancelConsult => Interaction(command.CancelConsult.InteractionId).CancelConsult(agentId),
            AgentCommand.CommandOneofCase.Hello => throw Invalid("hello is only allowed as the first command of a stream"),
            _ => throw Invalid("the command is empty: set one of login, set_ready, set_not_ready, accept, reject, end, complete, logout, transfer, cancel_consult, extend_wrap_up"),
        };
    }

    /// <summary>Extends the agent's wrap-up; answers the new deadline of the agent's part.</summary>
    private async Task<Google.Protobuf.WellKnownTypes.Timestamp?> ExtendWrapUpAsync(ExtendWrapUp extend)
    {
        if (extend.More is null)
        {
            throw Invalid("extend_wrap_up needs 'more', a duration");
        }
        var snapshot = await Interaction(extend.InteractionId).ExtendWrapUp(agentId, ProtoTime.ToSpan(extend.More, "extend_wrap_up.more")!.Value);
        var deadline = snapshot.AgentId == agentId && snapshot.WrapUpDeadline is { } current
            ? current
            : snapshot.Legs.LastOrDefault(l => l.AgentId == agentId && l.WrapUpDeadline is not null)?.WrapUpDeadline;
        return deadline?.ToProto();
    }

    private IInteractionGrain Interaction(string interactionId) =>
        (_interactions ??= new(id => grains.Interaction(tenantId, id))).For(interactionId);

    /// <summary>An app accepts, ends and completes one interaction in turn: its reference is made once.</summary>
    private LastGrainReference<IInteractionGrain>? _interactions;

    private static Disposition ToDisposition(Complete complete)
    {
        if (complete.Disposition is null || string.IsNullOrEmpty(complete.Disposition.Code))
        {
            throw Invalid("complete needs a disposition with a code");
        }
        var disposition = new Disposition(complete.Disposition.Code, string.IsNullOrEmpty(complete.Disposition.Note) ? null : complete.Disposition.Note);
        return disposition.Problem() is { } problem ? throw Invalid(problem) : disposition;
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
