using System.Security.Cryptography;
using System.Text;
using Routing.Sip.Messages;
using Routing.SipGateway.Proxying;

namespace Routing.SipGateway.Calls;

/// <summary>The interaction id of a call: a hash of its Call-ID and the caller's From tag (what identifies a call in
/// RFC 3261 §12 before the dialog exists). The same INVITE — retransmitted, or sent again to another gateway after a
/// failover — therefore names the same interaction, and Create's idempotency keeps it one interaction.</summary>
public static class CallInteractionId
{
    private const string Prefix = "sip-";

    /// <summary>The interaction a request names: the one its transfer address carries (a caller sent back by the agent's
    /// REFER, <see cref="TransferAddress"/>), else the hash of its Call-ID and From tag. An INVITE and its CANCEL name
    /// the same one.</summary>
    internal static string Of(SipRequest request) => TransferAddress.TryParse(request.RequestUri, out var transferred, out _)
        ? transferred
        : Of(request.CallId ?? string.Empty, request.From?.Tag);

    public static string Of(string callId, string? fromTag)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{callId}\n{fromTag}"), hash);
        // 20 bytes (160 bits) keep collisions out of reach while the id stays short.
        return Prefix + Convert.ToHexStringLower(hash[..20]);
    }
}
