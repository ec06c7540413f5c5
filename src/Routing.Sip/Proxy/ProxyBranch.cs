using Routing.Sip.Messages;
using Routing.Sip.Transactions;
using Routing.Sip.Transport;

namespace Routing.Sip.Proxy;

/// <summary>One request forwarded by the proxy (RFC 3261 §16.6) and its responses (§16.7): provisional responses
/// other than 100 go upstream, a 2xx goes upstream (and its retransmissions after it, through the
/// <see cref="SuccessRelay"/>); a final response of 300 or more goes upstream for a request routed in a dialog, and is
/// left to the gateway for an INVITE it forked, since it decides whether another agent is tried. <see cref="Cancel"/>
/// sends the CANCEL of §9.1 once a provisional response has come, and the branch's 487 is absorbed; Timer C cancels an
/// INVITE that rings for 3 minutes, and a CANCEL that brings no final response within 64·T1 ends the branch.</summary>
public sealed class ProxyBranch
{
    /// <summary>§16.6 step 11: an INVITE branch that rings this long with no final response is cancelled (§16.8); each
    /// provisional response restarts it. The gateway's ring timeout normally cancels much earlier.</summary>
    public static readonly TimeSpan TimerC = TimeSpan.FromMinutes(3);

    private readonly Lock _gate = new();
    private readonly SipProxy _proxy;
    private readonly bool _forwardsFailures;
    private readonly TaskCompletionSource<ProxyBranchResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<SipResponse> _firstProvisional = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TransactionTimer _timerC;
    private readonly TransactionTimer _cancelGuard;
    private ClientTransaction? _transaction;
    private bool _provisionalReceived;
    private bool _cancelRequested;
    private bool _cancelSent;

    internal ProxyBranch(SipProxy proxy, ServerTransaction upstream, SipRequest request, bool forwardsFailures)
    {
        _proxy = proxy;
        _timerC = new TransactionTimer(proxy.Time, Cancel);
        _cancelGuard = new TransactionTimer(proxy.Time, Abandon);
        Upstream = upstream;
        Request = request;
        _forwardsFailures = forwardsFailures;
    }

    /// <summary>The caller's transaction the responses are forwarded to.</summary>
    public ServerTransaction Upstream { get; }

    /// <summary>The forwarded request (our Via and Record-Route are added to it when it is sent).</summary>
    public SipRequest Request { get; }

    /// <summary>True for a request the proxy routed within a dialog, not one the gateway forked.</summary>
    internal bool IsInDialog => _forwardsFailures;

    /// <summary>Each provisional response above 100 from the target, after it was forwarded upstream.</summary>
    public event Action<ProxyBranch, SipResponse>? ProvisionalReceived;

    /// <summary>Completes with the first provisional response above 100 (the phone rings); a task, unlike the event,
    /// cannot be missed by a gateway that looks after the branch was sent. Cancelled when the branch ends without one
    /// (busy at once, unreachable).</summary>
    public Task<SipResponse> FirstProvisional => _firstProvisional.Task;

    /// <summary>Completes when the branch has its final response (or could not be sent).</summary>
    public Task<ProxyBranchResult> Completion => _completion.Task;

    /// <summary>Cancels the branch (§9.1): the CANCEL goes now if a provisional response came, or as soon as one does;
    /// nothing is sent for a branch that already has its final response. The target's 487 is not forwarded.</summary>
    public void Cancel()
    {
        ClientTransaction? transaction;
        bool sendNow;
        lock (_gate)
        {
            if (_cancelRequested || _completion.Task.IsCompleted)
            {
                return;
            }
            _cancelRequested = true;
            transaction = _transaction;
            sendNow = transaction is not null && _provisionalReceived;
            _cancelSent = sendNow;
        }
        if (transaction is null)
        {
            // Not sent yet (its target is being resolved): it never will be.
            Complete(new ProxyBranchResult(ProxyBranchOutcome.Cancelled, SipStatus.RequestTerminated, null));
        }
        else if (sendNow)
        {
            SendCancel(transaction);
        }
    }

    /// <summary>Sends the request on <paramref name="flow"/> unless it was cancelled while its target was resolved.</summary>
    internal void Send(ISipFlow flow)
    {
        lock (_gate)
        {
            if (_cancelRequested)
            {
                return;
            }
            _transaction = _proxy.Transactions.SendRequest(Request, flow, OnProvisional);
            if (Request.Method == SipMethods.Invite)
            {
                _timerC.Start(TimerC);
            }
        }
        _ = _transaction.FinalResponse.ContinueWith(final => OnFinal(final.Result), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously | TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    /// <summary>Ends a branch that could not be sent (503: unreachable, 483: no hops left).</summary>
    internal void Fail(int statusCode)
    {
        if (_forwardsFailures)
        {
            Upstream.Respond(statusCode);
        }
        Complete(new ProxyBranchResult(ProxyBranchOutcome.Failed, statusCode, null));
    }

    private void OnProvisional(SipResponse response)
    {
        ClientTransaction? cancelNow = null;
        bool cancelled;
        lock (_gate)
        {
            _provisionalReceived = true;
            cancelled = _cancelRequested;
            if (!cancelled && Request.Method == SipMethods.Invite)
            {
                _timerC.Start(TimerC);
            }
            if (cancelled && !_cancelSent)
            {
                _cancelSent = true;
                cancelNow = _transaction;
            }
        }
        if (cancelNow is not null)
        {
            SendCancel(cancelNow);
        }
        // §16.7 step 5: a 100 is hop-by-hop; the others tell the caller how the call progresses (not once cancelled).
        if (response.StatusCode > SipStatus.Trying && !cancelled)
        {
            Upstream.Respond(ProxyMessages.Upstream(response));
            _firstProvisional.TrySetResult(response);
            ProvisionalReceived?.Invoke(this, response);
        }
    }

    private void OnFinal(SipResponse response)
    {
        if (response.IsSuccess)
        {
            if (!Upstream.Respond(ProxyMessages.Upstream(response)))
            {
                SipProxyLog.LateSuccess(_proxy.Logger, Request.CallId);
            }
            if (Request.Method == SipMethods.Invite && response.TopVia?.Branch is { } branch)
            {
                _proxy.Relay.Remember(branch, Upstream);
            }
            Complete(new ProxyBranchResult(ProxyBranchOutcome.Answered, response.StatusCode, response));
            return;
        }
        bool cancelled;
        lock (_gate)
        {
            cancelled = _cancelRequested;
        }
        if (cancelled)
        {
            // The 487 (or whatever ended the cancelled INVITE) is absorbed: the caller's answer is the gateway's.
            Complete(new ProxyBranchResult(ProxyBranchOutcome.Cancelled, response.StatusCode, response));
            return;
        }
        if (_forwardsFailures)
        {
            Upstream.Respond(ProxyMessages.Upstream(response));
        }
        Complete(new ProxyBranchResult(ProxyBranchOutcome.Failed, response.StatusCode, response));
    }

    private void SendCancel(ClientTransaction invite)
    {
        try
        {
            _proxy.Transactions.SendRequest(ProxyMessages.Cancel(Request), invite.Flow);
            lock (_gate)
            {
                _cancelGuard.Start(_proxy.TimeoutInterval);
            }
        }
        catch (InvalidOperationException exception)
        {
            // The transaction table is full: the INVITE ends by itself (Timer B), as if the CANCEL were lost.
            SipProxyLog.NotForwarded(_proxy.Logger, SipMethods.Cancel, Request.CallId, Request.RequestUri.ToString(), exception.Message);
        }
    }

    /// <summary>§9.1: a target that never answers its CANCEL ends its INVITE 64·T1 later (a 408 here).</summary>
    private void Abandon() => (_transaction as InviteClientTransaction)?.Abandon();

    /// <summary>The proxy forgets the branch before anyone awaiting it resumes, so its counts are current by then.</summary>
    private void Complete(ProxyBranchResult result)
    {
        lock (_gate)
        {
            _timerC.Stop();
            _cancelGuard.Stop();
        }
        _proxy.Ended(this);
        _firstProvisional.TrySetCanceled();
        _completion.TrySetResult(result);
    }
}
