namespace Routing.Sip.Messages;

/// <summary>A request: method, Request-URI, headers and body.</summary>
public sealed class SipRequest(string method, SipUri requestUri) : SipMessage
{
    /// <summary>Case-sensitive, as RFC 3261 §7.1 says.</summary>
    public string Method { get; } = method;

    public SipUri RequestUri { get; set; } = requestUri;

    public override string ToString() => $"{Method} {RequestUri} {Version}";
}
