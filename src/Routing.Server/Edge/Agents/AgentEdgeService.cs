using Grpc.Core;
using Microsoft.Extensions.Options;
using Routing.Contracts.Security;
using Routing.Contracts.V1;

namespace Routing.Server.Edge.Agents;

/// <summary>
/// The agent app's session stream (agent.proto). Only a token with role <c>agent</c>, acting as its own
/// agent, may connect; supervisors and admins act on agents through their own services.
/// </summary>
public sealed class AgentEdgeService(
    IGrainFactory grains, IOptions<AgentEdgeOptions> options, SessionRenewalSchedule renewals, EdgeShutdown shutdown, EdgeCallerLimiter limiter, ILogger<AgentEdgeService> logger)
    : AgentService.AgentServiceBase
{
    /// <summary>On a graceful stop the stream ends with UNAVAILABLE and the app resumes its session elsewhere.</summary>
    public override Task Connect(IAsyncStreamReader<AgentCommand> requestStream, IServerStreamWriter<AgentEvent> responseStream, ServerCallContext context) =>
        shutdown.RunAsync(context, token => ConnectAsync(requestStream, responseStream, context, token));

    private async Task ConnectAsync(IAsyncStreamReader<AgentCommand> requestStream, IServerStreamWriter<AgentEvent> responseStream, ServerCallContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
        var caller = EdgeCaller.From(context).Require(EdgeRoles.Agent);
        if (!await requestStream.MoveNext(cancellationToken))
        {
            return;
        }
        var first = requestStream.Current;
        if (first.CommandCase != AgentCommand.CommandOneofCase.Hello)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "the first command of an agent stream must be hello"));
        }
        var agentId = first.Hello.AgentId.Length > 0 ? first.Hello.AgentId : caller.AgentId!;
        // Agents act only as themselves, even with another role on the same token.
        if (!string.Equals(agentId, caller.AgentId, StringComparison.Ordinal))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"the token is for agent '{caller.AgentId}' and cannot open a session for agent '{agentId}'"));
        }
        caller.RequireAgent(agentId);
        // The commands of the stream draw on the same bucket as the caller's calls.
        var rateLimit = limiter.ForCaller(context.GetHttpContext());
        var session = new AgentSession(grains, caller.TenantId, agentId, options.Value, renewals, rateLimit, logger);
        await session.RunAsync(first.Hello, requestStream, responseStream, cancellationToken);
    }
}
