using Grpc.Core;
using Microsoft.Extensions.Logging;
using Routing.Client;
using Routing.Contracts.V1;
using Routing.Sip.Messages;
using Routing.Sip.Proxy;
using Routing.Sip.Transactions;

namespace Routing.SipGateway.Proxying;

/// <summary>Proxy mode's part of one call: each offer rings the offered agent's phone (the caller's INVITE forked to
/// the agent's contact, one branch at a time); the phone answering is the agent accepting, a refusal (486, 603, or
/// unreachable) is the agent rejecting, and an offer that ends in the cluster (ring no answer, withdrawn) cancels the
/// branch. The phone's ringing and its 200 go to the caller through the proxy.</summary>
internal sealed class AgentPhoneRinging(SipProxy proxy, ServerTransaction invite, RoutingClient cluster, string interactionId, ILogger logger)
{
    private readonly Lock _gate = new();
    private ProxyBranch? _branch;
    private string? _agentId;
    private Task _answering = Task.CompletedTask;

    /// <summary>The cluster call recording the phone's answer (completed when none is under way): a BYE that follows the
    /// 200 at once must reach the cluster after it, or it would abandon a call the agent has.</summary>
    public Task Answering
    {
        get
        {
            lock (_gate)
            {
                return _answering;
            }
        }
    }

    /// <summary>The branch that answered: the caller and the agent's phone are in a dialog.</summary>
    public bool Answered { get; private set; }

    /// <summary>The agent whose phone rings or answered; null between offers.</summary>
    public string? AgentId
    {
        get
        {
            lock (_gate)
            {
                return _agentId;
            }
        }
    }

    /// <summary>The ringing branch's end, or a completed task when none rings.</summary>
    public Task Ringing
    {
        get
        {
            lock (_gate)
            {
                return _branch?.Completion ?? Task.CompletedTask;
            }
        }
    }

    /// <summary>An offer: ring <paramref name="agentId"/>'s phone at <paramref name="endpoint"/>.</summary>
    public void Ring(string agentId, string endpoint)
    {
        if (!SipUri.TryParse(endpoint, out var target) || !target.IsSip)
        {
            // A tel: endpoint or a broken one cannot be rung from here: the offer is refused so another agent gets it.
            GatewayLog.PhoneUnreachable(logger, interactionId, agentId, endpoint);
            _ = DeclineAsync(agentId);
            return;
        }
        ProxyBranch branch;
        lock (_gate)
        {
            if (_branch is { Completion.IsCompleted: false } || Answered || invite.FinalResponse is not null)
            {
                return;
            }
            _agentId = agentId;
            branch = proxy.Fork(invite, target, [new SipHeader(Calls.CallAnswer.InteractionHeader, interactionId)]);
            _branch = branch;
        }
        _ = FollowBranchAsync(branch, agentId);
    }

    /// <summary>The offer to <paramref name="agentId"/> ended in the cluster (ring no answer, withdrawn, rejected in the
    /// agent's app): stop ringing that phone.</summary>
    public void Stop(string agentId)
    {
        ProxyBranch? branch;
        lock (_gate)
        {
            branch = _agentId == agentId && !Answered ? _branch : null;
        }
        branch?.Cancel();
    }

    /// <summary>The call ended before the phone answered: stop ringing.</summary>
    public void StopAny()
    {
        ProxyBranch? branch;
        lock (_gate)
        {
            branch = Answered ? null : _branch;
        }
        branch?.Cancel();
    }

    private async Task FollowBranchAsync(ProxyBranch branch, string agentId)
    {
        var result = await branch.Completion;
        switch (result.Outcome)
        {
            case ProxyBranchOutcome.Answered when invite.FinalResponse?.IsSuccess == true:
                Task answering;
                lock (_gate)
                {
                    Answered = true;
                    _answering = answering = AnswerAsync(agentId);
                }
                await answering;
                break;
            case ProxyBranchOutcome.Failed:
                GatewayLog.PhoneRefused(logger, interactionId, agentId, result.StatusCode);
                await DeclineAsync(agentId);
                break;
        }
    }

    private async Task AnswerAsync(string agentId)
    {
        try
        {
            await cluster.Interactions.AnswerAsync(interactionId, agentId);
        }
        catch (RpcException failure)
        {
            // The offer ended in the cluster just as the phone answered: the caller and the phone talk, but the
            // cluster gave the call back to its line. Ending the interaction keeps it from ringing another agent.
            GatewayLog.AnswerRefused(logger, interactionId, agentId, failure.StatusCode, failure.Status.Detail);
            await HangupQuietlyAsync();
        }
    }

    private async Task DeclineAsync(string agentId)
    {
        try
        {
            await cluster.Interactions.DeclineAsync(interactionId, agentId);
        }
        catch (RpcException failure) when (failure.StatusCode == StatusCode.FailedPrecondition)
        {
            // The offer had already ended (timed out, withdrawn): nothing to refuse.
        }
        catch (RpcException failure)
        {
            GatewayLog.DeclineFailed(logger, interactionId, agentId, failure.StatusCode, failure.Status.Detail);
        }
    }

    private async Task HangupQuietlyAsync()
    {
        try
        {
            await cluster.Interactions.HangupAsync(interactionId);
        }
        catch (RpcException)
        {
            // Logged above; the interaction's own timers finish it.
        }
    }
}
