using Grpc.Core;
using Microsoft.Extensions.Logging;
using Routing.Client;
using Routing.Client.Gateways;
using Routing.Contracts.V1;
using Routing.Sip;
using Routing.Sip.Messages;
using Routing.Sip.Proxy;
using Routing.SipGateway.Proxying;
using Routing.Sip.Transactions;

namespace Routing.SipGateway.Calls;

/// <summary>One caller's INVITE, from arrival to its final response: the interaction is created at the entry point
/// (whose rules choose the queue) and followed on the gateway's session, the caller hears 182 Queued (refreshed) while it waits, and the final
/// response follows what the cluster decides. A final response always comes: every path out of <see cref="RunAsync"/>
/// answers, unless the caller cancelled (the core then answers 487).</summary>
internal sealed class InboundCall(ServerTransaction invite, RoutingClient cluster, GatewaySession session, EntryPointModes modes, SipServer sip, GatewayCallOptions options, TimeProvider time, ILogger logger)
{
    private readonly SipProxy _proxy = sip.Proxy;
    private readonly string? _transferTarget = TransferAddress.TryParse(invite.Request.RequestUri, out _, out var target) ? target : null;
    private ProxiedDialog? _dialog;
    private readonly CancellationTokenSource _stop = new();
    private int _abandoned;

    /// <summary>The call's interaction: named by the Call-ID and From tag, or, for a caller coming back to be transferred,
    /// by the transfer address it was sent to.</summary>
    public string InteractionId { get; } = CallInteractionId.Of(invite.Request);

    public ServerTransaction Invite => invite;

    private SipRequest Request => invite.Request;

    public async Task RunAsync()
    {
        var details = CallerDetails.Of(Request);
        try
        {
            if (_transferTarget is { } target)
            {
                await TransferAsync(target);
                return;
            }
            // Not cancelled by the caller's CANCEL: the create's outcome is awaited (within the call timeout), so the
            // abandon that follows a CANCEL always finds the interaction it abandons.
            using var followed = await session.CreateAsync(details.ToCreate(InteractionId), CancellationToken.None);
            var created = followed.Snapshot;
            var decision = await modes.OfAsync(details.Entry, _stop.Token);
            GatewayLog.CallQueued(logger, InteractionId, details.Entry, created.QueueId, decision.Mode);
            if (_stop.IsCancellationRequested)
            {
                return;
            }
            if (created.Status.IsFinal())
            {
                Answer(Final(created.Events.LastOrDefault(), decision));
                return;
            }
            Respond(CallAnswer.Queued(Request, invite.ToTag, InteractionId));
            using var refresh = new PeriodicTimer(options.QueuedRefresh, time);
            _ = RefreshQueuedAsync(refresh);
            await (decision.Mode == EntryPointMode.Proxy ? FollowProxiedAsync(decision, StartProxying(), followed, skipThrough: 0) : FollowAsync(decision, followed));
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The caller cancelled, or the call was answered: nothing more to say.
        }
        catch (RpcException failure)
        {
            GatewayLog.EdgeRefused(logger, InteractionId, failure.StatusCode, failure.Status.Detail);
            Answer(CallAnswer.ForFailure(Request, invite.ToTag, failure, options, InteractionId));
        }
        catch (Exception failure)
        {
            GatewayLog.CallFailed(logger, failure, InteractionId);
            Answer(CallAnswer.Refuse(Request, invite.ToTag, CallAnswer.ServiceUnavailable, "the gateway failed", InteractionId, options.RetryAfter));
        }
        finally
        {
            if (_dialog is not null)
            {
                _proxy.Forget(Request.CallId ?? string.Empty, _dialog);
            }
            await _stop.CancelAsync();
            if (_abandoned == 1)
            {
                await AbandonInClusterAsync();
            }
        }
    }

    /// <summary>The caller's CANCEL arrived (§9.2): stop waiting, and abandon the interaction unless the call was
    /// already answered (a CANCEL that crossed our final response changes nothing, §9.2).</summary>
    public void Cancel()
    {
        if (invite.FinalResponse is not null || Interlocked.Exchange(ref _abandoned, 1) == 1)
        {
            return;
        }
        _stop.Cancel();
    }

    /// <summary>The gateway is stopping: a call still waiting for its final response is answered 503 and its
    /// interaction abandoned; a call already answered (a proxied dialog) is left to its parties.</summary>
    public void Shed()
    {
        if (invite.FinalResponse is not null || Interlocked.Exchange(ref _abandoned, 1) == 1)
        {
            return;
        }
        Answer(CallAnswer.Refuse(Request, invite.ToTag, CallAnswer.ServiceUnavailable, "the gateway is stopping", InteractionId, options.RetryAfter));
    }

    /// <summary>Follows the interaction's events until the call can be answered: connected to an agent (redirect to
    /// the agent's contact), overflowed, or ended.</summary>
    private async Task FollowAsync(EntryDecision decision, FollowedInteraction followed)
    {
        await foreach (var e in followed.ReadAllAsync(_stop.Token))
        {
            if (e.Kind == InteractionEventKind.Connected)
            {
                Answer(Connected(e));
                return;
            }
            // An overflow to another queue leaves it waiting (QUEUED there); only a final status answers the caller.
            if (e.Status.IsFinal())
            {
                Answer(Final(e, decision));
                return;
            }
        }
        // The events end only once the interaction is final; reaching here without an answer is the cluster's doing.
        Answer(CallAnswer.Refuse(Request, invite.ToTag, CallAnswer.TemporarilyUnavailable, "the call ended", InteractionId));
    }

    /// <summary>Proxy mode: each offer rings the agent's phone through the proxy; the phone's 200 reaches the caller
    /// directly. Once the call is up, the gateway keeps watching until the conversation ends, so the dialog's BYE is
    /// told to the cluster and the call is forgotten afterwards.</summary>
    private async Task FollowProxiedAsync(EntryDecision decision, AgentPhoneRinging ringing, FollowedInteraction followed, long skipThrough)
    {
        var connected = false;
        await foreach (var e in followed.ReadAllAsync(_stop.Token))
        {
            if (e.Sequence <= skipThrough)
            {
                continue;
            }
            switch (e.Kind)
            {
                case InteractionEventKind.Offered:
                    ringing.Ring(e.AgentId, e.AgentEndpoint);
                    break;
                case InteractionEventKind.OfferTimedOut or InteractionEventKind.OfferRescinded or InteractionEventKind.OfferRejected:
                    ringing.Stop(e.AgentId);
                    break;
                case InteractionEventKind.Connected when !connected:
                    connected = true;
                    // Accepted in the agent's app while the phone rings: the caller is put through when the phone answers.
                    await ringing.Ringing;
                    if (!ringing.Answered)
                    {
                        _abandoned = 1;
                        Answer(CallAnswer.Refuse(Request, invite.ToTag, CallAnswer.TemporarilyUnavailable, $"agent '{e.AgentId}''s phone did not answer", InteractionId));
                        return;
                    }
                    break;
            }
            if (connected ? e.Status is not InteractionStatus.Connected : e.Status.IsFinal())
            {
                ringing.StopAny();
                if (!ringing.Answered)
                {
                    Answer(Final(e, decision));
                }
                return;
            }
        }
    }

    /// <summary>Proxy mode: the caller's dialog is observed (its BYE and REFER) from now on.</summary>
    private AgentPhoneRinging StartProxying()
    {
        var ringing = new AgentPhoneRinging(_proxy, invite, cluster, InteractionId, logger);
        _dialog = new ProxiedDialog(cluster, InteractionId, Request.From?.Tag, ringing, sip.Identity.Uri(invite.Flow.Transport), logger);
        _proxy.Observe(Request.CallId ?? string.Empty, _dialog);
        return ringing;
    }

    /// <summary>A caller sent back by the agent's REFER (<see cref="TransferAddress"/>): the blind transfer is made now, to
    /// the queue the address names or else the agent, and the call then waits and rings as any proxied call, from the
    /// transfer on. A transfer the cluster refuses is answered like a refused call (404 unknown target, 480 no longer
    /// connected), and the caller stays with the agent it has.</summary>
    private async Task TransferAsync(string target)
    {
        var ringing = StartProxying();
        InteractionSnapshot transferred;
        try
        {
            transferred = await cluster.Interactions.TransferAsync(InteractionId, new TransferTarget { QueueId = target }, cancellationToken: _stop.Token);
        }
        catch (RpcException notQueue) when (notQueue.StatusCode == StatusCode.NotFound)
        {
            transferred = await cluster.Interactions.TransferAsync(InteractionId, new TransferTarget { AgentId = target }, cancellationToken: _stop.Token);
        }
        Respond(CallAnswer.Queued(Request, invite.ToTag, InteractionId));
        using var refresh = new PeriodicTimer(options.QueuedRefresh, time);
        _ = RefreshQueuedAsync(refresh);
        // What happened before the transfer is the old call's; what follows it (the offer to the target, often made
        // within the transfer itself) is this one's.
        var transfer = transferred.Events.LastOrDefault(e => e.Kind == InteractionEventKind.Transferred)?.Sequence ?? transferred.Events.Max(e => e.Sequence);
        using var followed = await session.FollowAsync(InteractionId, _stop.Token);
        await FollowProxiedAsync(new EntryDecision { Mode = EntryPointMode.Proxy }, ringing, followed, transfer);
    }

    private SipResponse Connected(InteractionEvent e)
    {
        if (e.AgentEndpoint.Length > 0)
        {
            GatewayLog.Redirected(logger, InteractionId, e.AgentId);
            return CallAnswer.Redirect(Request, invite.ToTag, e.AgentEndpoint, InteractionId);
        }
        // The agent took the call but neither registered a phone nor has an endpoint configured: end the
        // conversation rather than leave the agent connected to nobody.
        _abandoned = 1;
        return CallAnswer.Refuse(Request, invite.ToTag, CallAnswer.TemporarilyUnavailable, $"agent '{e.AgentId}' has no phone to reach", InteractionId);
    }

    private SipResponse Final(InteractionEvent? e, EntryDecision decision) => e?.Status == InteractionStatus.Overflowed
        ? CallAnswer.ForOverflow(Request, invite.ToTag, e.Overflow, decision.VoicemailUri, InteractionId)
        : CallAnswer.Refuse(Request, invite.ToTag, CallAnswer.TemporarilyUnavailable, e?.Detail is { Length: > 0 } detail ? detail : "the call ended", InteractionId);

    private async Task RefreshQueuedAsync(PeriodicTimer refresh)
    {
        try
        {
            while (await refresh.WaitForNextTickAsync(_stop.Token) && invite.FinalResponse is null)
            {
                Respond(CallAnswer.Queued(Request, invite.ToTag, InteractionId));
            }
        }
        catch (OperationCanceledException)
        {
            // The call was answered or cancelled.
        }
    }

    private void Answer(SipResponse response)
    {
        Respond(response);
        _stop.Cancel();
    }

    private void Respond(SipResponse response) => invite.Respond(response);

    /// <summary>The caller left while waiting: the interaction is abandoned (or, when the agent had already taken it,
    /// its conversation ends).</summary>
    private async Task AbandonInClusterAsync()
    {
        try
        {
            await cluster.Interactions.HangupAsync(InteractionId, CancellationToken.None);
            GatewayLog.Abandoned(logger, InteractionId);
        }
        catch (RpcException failure) when (failure.StatusCode == StatusCode.NotFound)
        {
            // Cancelled before the interaction was created: nothing to abandon.
        }
        catch (RpcException failure)
        {
            GatewayLog.AbandonFailed(logger, InteractionId, failure.StatusCode, failure.Status.Detail);
        }
    }
}
