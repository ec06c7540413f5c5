using Routing.Sip.Messages;
using Routing.Sip.Transactions;

namespace Routing.Sip.Core;

/// <summary>Serves one method (INVITE, REGISTER...) once the core's checks of RFC 3261 §8.2 have passed.</summary>
public interface ISipRequestHandler
{
    /// <summary>The method served, e.g. <c>INVITE</c>; it is listed in Allow.</summary>
    string Method { get; }

    /// <summary>Answer through the transaction, now or later; a final response must always come. This runs on the
    /// transport's receive loop, so it must not block: start the work and answer when it completes.</summary>
    void OnRequest(ServerTransaction transaction);

    /// <summary>A CANCEL matched this request (INVITE only); the core sends the 487 after this returns unless a final
    /// response was sent.</summary>
    void OnCancel(ServerTransaction transaction)
    {
    }

    /// <summary>A CANCEL of this method's request arrived after the transaction was lost (the process restarted); it was
    /// answered 481. The request's work may still be under way elsewhere (a queued call in the cluster).</summary>
    void OnUnmatchedCancel(SipRequest cancel)
    {
    }
}
