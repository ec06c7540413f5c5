using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Routing.Sip.Core;
using Routing.Sip.Messages;
using Routing.Sip.Transactions;
using Routing.Sip.Transport;

namespace Routing.Sip.Proxy;

/// <summary>A stateful, record-routing proxy core (RFC 3261 §16) driven by the gateway. <see cref="Fork"/> forwards a
/// caller's INVITE to one target at a time (sequential forking: the gateway cancels a branch that rings too long and
/// forks again); the dialog's later requests name this element in their top Route and are forwarded along their
/// route set, ACKs for 2xx statelessly, with BYE and REFER shown first to the call's <see cref="ISipDialogObserver"/>.
/// A CANCEL from the caller cancels the branch forwarded for its INVITE.</summary>
public sealed class SipProxy : IRoutedRequests, IStrayResponses
{
    private readonly SipServer _server;
    private readonly ConcurrentDictionary<ServerTransaction, ProxyBranch> _branches = new();
    private readonly ConcurrentDictionary<string, ISipDialogObserver> _observers = new(StringComparer.Ordinal);

    internal SipProxy(SipServer server, SipTransactionOptions options, TimeProvider time, ILogger<SipProxy> logger)
    {
        _server = server;
        Logger = logger;
        Time = time;
        TimeoutInterval = options.TimeoutInterval;
        Relay = new SuccessRelay(options.TimeoutInterval, time);
    }

    /// <summary>Branches waiting for their final response.</summary>
    public int PendingBranchCount => _branches.Count;

    /// <summary>Calls with an observer.</summary>
    public int ObservedCallCount => _observers.Count;

    internal SipTransactionLayer Transactions => _server.Transactions;

    internal SuccessRelay Relay { get; }

    internal TimeProvider Time { get; }

    /// <summary>64·T1: how long a cancelled branch waits for its final response.</summary>
    internal TimeSpan TimeoutInterval { get; }

    internal ILogger Logger { get; }

    /// <summary>Forwards <paramref name="callerInvite"/> to <paramref name="target"/> (an agent's registered contact),
    /// record-routed so the dialog's requests pass through here. <paramref name="extraHeaders"/> are added to the
    /// forwarded INVITE (e.g. the interaction id for the phone). The branch's provisional responses and 2xx go to the
    /// caller; a failure (≥ 300) does not: the gateway answers the caller or forks again. One branch per INVITE at a
    /// time: fork again only after the previous branch completed.</summary>
    public ProxyBranch Fork(ServerTransaction callerInvite, SipUri target, IReadOnlyList<SipHeader>? extraHeaders = null)
    {
        if (callerInvite.Request.Method != SipMethods.Invite || callerInvite.FinalResponse is not null)
        {
            throw new InvalidOperationException("Only an INVITE still waiting for its final response can be forked");
        }
        var forwarded = ProxyMessages.Forwarded(callerInvite.Request, _server.Identity, target);
        var branch = new ProxyBranch(this, callerInvite, forwarded ?? callerInvite.Request, forwardsFailures: false);
        if (forwarded is null)
        {
            branch.Fail(SipStatus.TooManyHops);
            return branch;
        }
        foreach (var header in extraHeaders ?? [])
        {
            forwarded.Headers.Add(header.Name, header.Value);
        }
        Start(branch, recordRoute: true);
        return branch;
    }

    /// <summary>Shows the BYE and REFER of call <paramref name="callId"/> to <paramref name="observer"/> (the gateway
    /// maps the Call-ID to its interaction).</summary>
    public void Observe(string callId, ISipDialogObserver observer) => _observers[callId] = observer;

    /// <summary>Stops observing a call (it ended); true when it was observed.</summary>
    public bool Forget(string callId) => _observers.TryRemove(callId, out _);

    /// <summary>Stops <paramref name="observer"/> observing <paramref name="callId"/>, leaving an observer registered since
    /// for the same Call-ID (a transferred caller's new INVITE may reuse it) in place.</summary>
    public bool Forget(string callId, ISipDialogObserver observer) =>
        _observers.TryRemove(new KeyValuePair<string, ISipDialogObserver>(callId, observer));

    bool IRoutedRequests.TryForward(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (!IsRoutedHere(request))
        {
            return false;
        }
        if (Observed(transaction) == InDialogAction.Answered)
        {
            return true;
        }
        var forwarded = ProxyMessages.Forwarded(request, _server.Identity);
        var branch = new ProxyBranch(this, transaction, forwarded ?? request, forwardsFailures: true);
        if (forwarded is null)
        {
            SipProxyLog.TooManyHops(Logger, request.Method, request.CallId);
            branch.Fail(SipStatus.TooManyHops);
            return true;
        }
        Start(branch, recordRoute: false);
        return true;
    }

    bool IRoutedRequests.TryForwardAck(SipRequest ack)
    {
        if (!IsRoutedHere(ack))
        {
            return false;
        }
        if (ProxyMessages.Forwarded(ack, _server.Identity) is not { } forwarded)
        {
            SipProxyLog.TooManyHops(Logger, ack.Method, ack.CallId);
            return true;
        }
        _ = ForwardAckAsync(forwarded);
        return true;
    }

    bool IRoutedRequests.OnCancel(ServerTransaction invite)
    {
        if (!_branches.TryGetValue(invite, out var branch))
        {
            return false;
        }
        branch.Cancel();
        return branch.IsInDialog;
    }

    bool IStrayResponses.TryForward(SipResponse response) => Relay.TryForward(response);

    /// <summary>§16.4 within a dialog: the request has a To tag and its top Route names this element. A request that
    /// starts a dialog (no To tag) with our Route on top — a trunk that uses us as its outbound proxy — is the
    /// gateway's to serve; <see cref="Fork"/> removes that Route.</summary>
    private bool IsRoutedHere(SipRequest request) =>
        request.To?.Tag is not null && request.Routes is [var top, ..] && _server.Identity.IsOurs(top.Uri);

    private InDialogAction Observed(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (request.Method is not (SipMethods.Bye or SipMethods.Refer) || request.CallId is not { } callId
            || !_observers.TryGetValue(callId, out var observer))
        {
            return InDialogAction.Forward;
        }
        try
        {
            return request.Method == SipMethods.Bye ? observer.OnBye(transaction) : observer.OnRefer(transaction);
        }
        catch (Exception exception)
        {
            SipProxyLog.ObserverFailed(Logger, callId, request.Method, exception);
            return InDialogAction.Forward;
        }
    }

    private void Start(ProxyBranch branch, bool recordRoute)
    {
        _branches[branch.Upstream] = branch;
        _ = SendAsync(branch, recordRoute);
    }

    internal void Ended(ProxyBranch branch) => _branches.TryRemove(new KeyValuePair<ServerTransaction, ProxyBranch>(branch.Upstream, branch));

    /// <summary>Resolves the next hop and sends; runs synchronously to the send when the target is an IP literal over
    /// UDP or an open connection, so requests of one dialog leave in the order they came.</summary>
    private async Task SendAsync(ProxyBranch branch, bool recordRoute)
    {
        var nextHop = ProxyMessages.NextHop(branch.Request);
        try
        {
            var flow = await _server.GetFlowAsync(nextHop, CancellationToken.None);
            if (recordRoute)
            {
                ProxyMessages.AddRecordRoute(branch.Request, _server.Identity, flow.Transport, branch.Upstream.Flow.Transport);
            }
            ProxyMessages.AddVia(branch.Request, _server.Identity, flow.Transport);
            branch.Send(flow);
        }
        catch (Exception exception) when (exception is SipUnreachableException or InvalidOperationException)
        {
            SipProxyLog.NotForwarded(Logger, branch.Request.Method, branch.Request.CallId, nextHop.ToString(), exception.Message);
            branch.Fail(SipStatus.ServiceUnavailable);
        }
    }

    /// <summary>§16.6 step 8 and §16.11: an ACK for a 2xx has no transaction; it is forwarded once, with our Via.</summary>
    private async Task ForwardAckAsync(SipRequest ack)
    {
        var nextHop = ProxyMessages.NextHop(ack);
        try
        {
            var flow = await _server.GetFlowAsync(nextHop, CancellationToken.None);
            ProxyMessages.AddVia(ack, _server.Identity, flow.Transport);
            flow.Send(SipSerializer.Serialize(ack));
        }
        catch (SipUnreachableException exception)
        {
            SipProxyLog.NotForwarded(Logger, ack.Method, ack.CallId, nextHop.ToString(), exception.Message);
        }
    }
}
