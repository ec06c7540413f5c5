using Routing.Sip.Transactions;

namespace Routing.Sip.Proxy;

/// <summary>Sees the in-dialog requests that pass through the proxy for one call (registered by Call-ID with
/// <see cref="SipProxy.Observe"/>). Runs on the transport's receive loop: it must not block.</summary>
public interface ISipDialogObserver
{
    /// <summary>A BYE from either side; forwarded unless the observer answers it.</summary>
    InDialogAction OnBye(ServerTransaction bye) => InDialogAction.Forward;

    /// <summary>A REFER (a transfer asked by the phone); forwarded unless the observer answers it (202) itself.</summary>
    InDialogAction OnRefer(ServerTransaction refer) => InDialogAction.Forward;
}
