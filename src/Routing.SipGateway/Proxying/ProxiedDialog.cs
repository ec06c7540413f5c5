using Grpc.Core;
using Microsoft.Extensions.Logging;
using Routing.Client;
using Routing.Sip.Proxy;
using Routing.Sip.Transactions;

namespace Routing.SipGateway.Proxying;

/// <summary>A proxied call's dialog as the gateway sees it pass: a BYE from the caller is the customer hanging up, a BYE
/// from the agent's phone is the agent ending the conversation; either is forwarded to the other side and told to the
/// cluster (the agent goes to wrap-up).</summary>
internal sealed class ProxiedDialog(RoutingClient cluster, string interactionId, string? callerTag, AgentPhoneRinging ringing, ILogger logger)
    : ISipDialogObserver
{
    public InDialogAction OnBye(ServerTransaction bye)
    {
        var fromCaller = bye.Request.From?.Tag == callerTag;
        var agent = ringing.AgentId;
        _ = TellClusterAsync(fromCaller || agent is null
            ? () => cluster.Interactions.HangupAsync(interactionId)
            : () => cluster.Interactions.AgentHangupAsync(interactionId, agent));
        return InDialogAction.Forward;
    }

    private async Task TellClusterAsync(Func<Task> call)
    {
        try
        {
            await ringing.Answering;
            await call();
        }
        catch (RpcException failure)
        {
            // Already ended (the agent's app ended it first): the BYE still reaches the other side.
            GatewayLog.ByeNotRecorded(logger, interactionId, failure.StatusCode, failure.Status.Detail);
        }
    }
}
