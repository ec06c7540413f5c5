using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Routing.Contracts.Security;
using Routing.Contracts.V1;
using Routing.Server.Edge.Agents;

namespace Routing.Server.Edge.Gateways;

/// <summary>gateway.proto: a media gateway's session, which creates its calls' interactions and follows them on one
/// stream. Tokens with role <c>gateway</c> or <c>admin</c>; the tenant is the token's.</summary>
[Authorize]
public sealed class GatewayEdgeService(IGrainFactory grains, SessionRenewalSchedule renewals, EdgeShutdown shutdown, EdgeCallerLimiter limiter, ILogger<GatewayEdgeService> logger)
    : GatewayService.GatewayServiceBase
{
    /// <summary>On a graceful stop the stream ends with UNAVAILABLE and the gateway follows its calls again elsewhere.</summary>
    public override Task Connect(IAsyncStreamReader<GatewayCommand> requestStream, IServerStreamWriter<GatewayEvent> responseStream, ServerCallContext context) =>
        shutdown.RunAsync(context, token => ConnectAsync(requestStream, responseStream, context, token));

    private async Task ConnectAsync(IAsyncStreamReader<GatewayCommand> requestStream, IServerStreamWriter<GatewayEvent> responseStream, ServerCallContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = EdgeCaller.From(context).Require(EdgeRoles.Gateway, EdgeRoles.Admin);
        // The headers tell the gateway its session is accepted before it has sent anything.
        await context.WriteResponseHeadersAsync([]);
        // The session's commands draw on the same bucket as the caller's calls.
        var session = new GatewaySession(grains, caller.TenantId, limiter.ForCaller(context.GetHttpContext()), renewals, logger);
        await session.RunAsync(requestStream, responseStream, cancellationToken);
    }
}
