using Routing.Sip.Messages;

namespace Routing.Sip.Proxy;

/// <summary>The end of a branch: the outcome, the final status, and the final response when one arrived.</summary>
public sealed record ProxyBranchResult(ProxyBranchOutcome Outcome, int StatusCode, SipResponse? Response);
