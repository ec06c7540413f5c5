using Routing.Sip.Messages;

namespace Routing.SipGateway.Proxying;

/// <summary>Where a caller being transferred calls back: the gateway rewrites the Refer-To of an agent phone's REFER to
/// <c>sip:transfer.&lt;interaction&gt;.&lt;target&gt;@gateway</c>, so the caller's new INVITE (RFC 3515) comes back here
/// naming the interaction and the queue or agent it goes to, and the transfer is made when the caller follows it — a
/// transfer the caller never carries out leaves the call with the agent. The interaction id is the gateway's own
/// (<c>sip-</c> and hex, without dots) and cannot be guessed.</summary>
internal static class TransferAddress
{
    private const string Prefix = "transfer.";

    public static SipUri Of(SipUri gateway, string interactionId, string target) =>
        SipUri.Parse($"{gateway.Scheme}:{Prefix}{interactionId}.{target}@{gateway.Host}:{gateway.Port}"
            + (gateway.Transport is { } transport ? $";transport={transport}" : string.Empty));

    /// <summary>The interaction and target a transfer address names; false for any other Request-URI.</summary>
    public static bool TryParse(SipUri uri, out string interactionId, out string target)
    {
        interactionId = target = string.Empty;
        var user = uri.UserUnescaped;
        if (user is null || !user.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var rest = user[Prefix.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == rest.Length - 1)
        {
            return false;
        }
        (interactionId, target) = (rest[..dot], rest[(dot + 1)..]);
        return Routing.Core.EntityId.IsValid(interactionId) && Routing.Core.EntityId.IsValid(target);
    }
}
