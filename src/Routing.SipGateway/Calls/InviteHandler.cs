using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Routing.Client;
using Routing.Client.Gateways;
using Routing.Sip;
using Routing.Sip.Core;
using Routing.Sip.Messages;
using Routing.Sip.Transactions;

namespace Routing.SipGateway.Calls;

/// <summary>Serves INVITE: each new call runs as an <see cref="InboundCall"/> until its final response; CANCEL reaches
/// the call it matched. A re-INVITE (To tag present) names a dialog this gateway does not hold in redirect mode → 481.</summary>
internal sealed class InviteHandler(RoutingClient cluster, GatewaySession session, EntryPointModes modes, Lazy<SipHostedService> sip, IOptions<GatewayCallOptions> options, TimeProvider time, ILogger<InviteHandler> logger)
    : ISipRequestHandler
{
    private readonly ConcurrentDictionary<ServerTransaction, InboundCall> _calls = new();
    private volatile bool _draining;

    public string Method => SipMethods.Invite;

    /// <summary>Calls waiting for their final response now.</summary>
    public int ActiveCalls => _calls.Count;

    public void OnRequest(ServerTransaction transaction)
    {
        if (transaction.Request.To?.Tag is not null)
        {
            transaction.Respond(SipStatus.CallOrTransactionDoesNotExist);
            return;
        }
        if (_draining)
        {
            transaction.Respond(CallAnswer.Refuse(transaction.Request, transaction.ToTag, CallAnswer.ServiceUnavailable,
                "the gateway is stopping", retryAfter: options.Value.RetryAfter));
            return;
        }
        if (_calls.Count >= options.Value.MaxCalls)
        {
            GatewayLog.TooManyCalls(logger, options.Value.MaxCalls);
            transaction.Respond(CallAnswer.Refuse(transaction.Request, transaction.ToTag, CallAnswer.ServiceUnavailable,
                "the gateway is handling as many calls as it may", retryAfter: options.Value.RetryAfter));
            return;
        }
        var call = new InboundCall(transaction, cluster, session, modes, sip.Value.Server!, options.Value, time, logger);
        _calls[transaction] = call;
        _ = RunAsync(call);
    }

    /// <summary>The gateway is stopping: new INVITEs get 503 (an SBC tries another gateway); calls in progress go on.</summary>
    public void BeginDrain() => _draining = true;

    /// <summary>Answers every call still waiting 503 and abandons its interaction: a stopping gateway leaves no caller
    /// without a final response, and no agent is offered a caller who is gone.</summary>
    public void ShedWaitingCalls()
    {
        foreach (var call in _calls.Values)
        {
            call.Shed();
        }
    }

    /// <summary>Waits until no call is in progress, or <paramref name="cancellationToken"/> ends the wait.</summary>
    public async Task WaitUntilIdleAsync(CancellationToken cancellationToken)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50), time);
        try
        {
            while (!_calls.IsEmpty && await tick.WaitForNextTickAsync(cancellationToken))
            {
            }
        }
        catch (OperationCanceledException)
        {
            // The wait ran out; the caller goes on.
        }
    }

    public void OnCancel(ServerTransaction transaction)
    {
        if (_calls.TryGetValue(transaction, out var call))
        {
            call.Cancel();
        }
    }

    /// <summary>The caller hung up a call this gateway lost (it restarted): the call may still wait in the cluster with
    /// nobody on the line, so it is abandoned — unless an agent already has it (the caller's CANCEL then crossed the
    /// answer; ending the agent's conversation is the BYE's to do).</summary>
    public void OnUnmatchedCancel(SipRequest cancel)
    {
        _ = AbandonLostCallAsync(CallInteractionId.Of(cancel));
    }

    private async Task AbandonLostCallAsync(string interactionId)
    {
        try
        {
            var call = await cluster.Interactions.GetAsync(interactionId);
            if (call.Status is Contracts.V1.InteractionStatus.Queued or Contracts.V1.InteractionStatus.Offered)
            {
                await cluster.Interactions.HangupAsync(interactionId);
                GatewayLog.LostCallAbandoned(logger, interactionId);
            }
        }
        catch (Grpc.Core.RpcException)
        {
            // Not a call of this gateway's (NOT_FOUND), or the cluster cannot be reached: nothing to abandon here.
        }
    }

    private async Task RunAsync(InboundCall call)
    {
        try
        {
            await call.RunAsync();
        }
        finally
        {
            _calls.TryRemove(call.Invite, out _);
        }
    }
}
