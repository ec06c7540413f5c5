using Grpc.Core;
using Microsoft.Extensions.Logging;
using Routing.Client;
using Routing.Sip.Messages;
using Routing.Sip.Proxy;
using Routing.Sip.Transactions;

namespace Routing.SipGateway.Proxying;

/// <summary>A proxied call's dialog as the gateway sees it pass. A BYE from the caller is the customer hanging up, a BYE
/// from the agent's phone is the agent ending the conversation; either is forwarded to the other side and told to the
/// cluster (the agent goes to wrap-up). A REFER from the agent's phone (a blind transfer to a queue or an agent, named
/// by the Refer-To's user) is forwarded to the caller with its Refer-To pointing back at the gateway
/// (<see cref="TransferAddress"/>), where the caller's new INVITE makes the transfer.</summary>
internal sealed class ProxiedDialog(RoutingClient cluster, string interactionId, string? callerTag, AgentPhoneRinging ringing, SipUri gateway, ILogger logger)
    : ISipDialogObserver
{
    /// <summary>After a REFER, how long the agent's BYE waits for the caller to carry the transfer out before it ends the
    /// agent's conversation: a transferor phone hangs up as soon as the transfer is under way (64·T1, the time a
    /// transaction may take, is ample for the caller's INVITE to arrive).</summary>
    private static readonly TimeSpan TransferGrace = TimeSpan.FromSeconds(32);

    private volatile bool _referred;

    public InDialogAction OnBye(ServerTransaction bye)
    {
        var fromCaller = IsFromCaller(bye.Request);
        var agent = ringing.AgentId;
        if (fromCaller || agent is null)
        {
            _ = TellClusterAsync(() => cluster.Interactions.HangupAsync(interactionId));
        }
        else
        {
            var delay = _referred ? TransferGrace : TimeSpan.Zero;
            // Refused (FAILED_PRECONDITION) once the transfer moved the call on: the agent's part ended with it.
            _ = TellClusterAsync(async () =>
            {
                await Task.Delay(delay);
                await cluster.Interactions.AgentHangupAsync(interactionId, agent);
            });
        }
        return InDialogAction.Forward;
    }

    public InDialogAction OnRefer(ServerTransaction refer)
    {
        if (IsFromCaller(refer.Request))
        {
            return InDialogAction.Forward;
        }
        var referTo = refer.Request.Headers.Get("Refer-To");
        if (referTo is null || !NameAddress.TryParse(referTo, out var target) || target.Uri.UserUnescaped is not { } user
            || !Routing.Core.EntityId.IsValid(user))
        {
            refer.Respond(SipStatus.BadRequest, "Refer-To must name a queue or an agent");
            return InDialogAction.Answered;
        }
        _referred = true;
        refer.Request.Headers.Set("Refer-To", $"<{TransferAddress.Of(gateway, interactionId, user)}>");
        GatewayLog.TransferReferred(logger, interactionId, user);
        return InDialogAction.Forward;
    }

    private bool IsFromCaller(SipRequest request) => request.From?.Tag == callerTag;

    private async Task TellClusterAsync(Func<Task> call)
    {
        try
        {
            await ringing.Answering;
            await call();
        }
        catch (RpcException failure)
        {
            // Already ended (the agent's app ended it first, or a transfer moved it on): the BYE still reaches the other side.
            GatewayLog.ByeNotRecorded(logger, interactionId, failure.StatusCode, failure.Status.Detail);
        }
    }
}
