using System.Collections.Concurrent;
using Routing.Sip.Core;
using Routing.Sip.Messages;
using Routing.Sip.Proxy;
using Routing.Sip.Transactions;

namespace Routing.Sip.Tests.Proxy;

/// <summary>Plays the gateway in proxy mode the way Routing.SipGateway drives the proxy: a caller's INVITE is held with
/// 182 Queued, observed by its Call-ID, and forked to the agent's phone; the test decides what follows.</summary>
internal sealed class TestGateway(SipUri phone) : ISipRequestHandler, ISipDialogObserver
{
    private readonly TaskCompletionSource<ProxyBranch> _forked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<ServerTransaction> _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<ServerTransaction> _bye = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _byes;

    public string Method => SipMethods.Invite;

    /// <summary>Every branch forked, one per call.</summary>
    public ConcurrentQueue<ProxyBranch> Branches { get; } = new();

    /// <summary>BYEs seen (the gateway ends the interaction and stops observing the call).</summary>
    public int ByeCount => Volatile.Read(ref _byes);

    public SipServer? Server { get; set; }

    /// <summary>The branch forked for the caller's INVITE.</summary>
    public Task<ProxyBranch> Forked => _forked.Task;

    /// <summary>The caller's INVITE, when its CANCEL reached the gateway.</summary>
    public Task<ServerTransaction> Cancelled => _cancelled.Task;

    /// <summary>The BYE the proxy showed the gateway.</summary>
    public Task<ServerTransaction> Bye => _bye.Task;

    public void OnRequest(ServerTransaction transaction)
    {
        transaction.Respond(182);
        Server!.Proxy.Observe(transaction.Request.CallId!, this);
        var branch = Server.Proxy.Fork(transaction, phone, [new SipHeader("X-Interaction", "interaction-1")]);
        Branches.Enqueue(branch);
        _forked.TrySetResult(branch);
    }

    public void OnCancel(ServerTransaction transaction) => _cancelled.TrySetResult(transaction);

    public InDialogAction OnBye(ServerTransaction bye)
    {
        Server!.Proxy.Forget(bye.Request.CallId!);
        Interlocked.Increment(ref _byes);
        _bye.TrySetResult(bye);
        return InDialogAction.Forward;
    }
}
