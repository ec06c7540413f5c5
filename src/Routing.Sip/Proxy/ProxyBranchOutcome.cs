namespace Routing.Sip.Proxy;

/// <summary>How a forwarded request ended.</summary>
public enum ProxyBranchOutcome
{
    /// <summary>A 2xx came and was forwarded upstream: the call is answered. When the caller's transaction had already
    /// ended (its CANCEL crossed the 2xx), the 2xx could not be forwarded — <c>Upstream.FinalResponse</c> is then not a
    /// 2xx, and the phone, never acknowledged, ends that call itself (§13.3.1.4).</summary>
    Answered,

    /// <summary>A final response of 300 or more (486 busy, 480, a 408 made here when nothing answered, a 503 when
    /// the target could not be reached), not forwarded when the gateway forked the request: it decides what next.</summary>
    Failed,

    /// <summary>The branch was cancelled (by the gateway, the caller's CANCEL or Timer C) and its final response
    /// absorbed: the 487, or a 408 when none came within 64·T1 of the CANCEL; or it was cancelled before it was sent.</summary>
    Cancelled,
}
