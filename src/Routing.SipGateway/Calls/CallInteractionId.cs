using System.Security.Cryptography;
using System.Text;

namespace Routing.SipGateway.Calls;

/// <summary>The interaction id of a call: a hash of its Call-ID and the caller's From tag (what identifies a call in
/// RFC 3261 §12 before the dialog exists). The same INVITE — retransmitted, or sent again to another gateway after a
/// failover — therefore names the same interaction, and Create's idempotency keeps it one interaction.</summary>
public static class CallInteractionId
{
    private const string Prefix = "sip-";

    public static string Of(string callId, string? fromTag)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{callId}\n{fromTag}"), hash);
        // 20 bytes (160 bits) keep collisions out of reach while the id stays short.
        return Prefix + Convert.ToHexStringLower(hash[..20]);
    }
}
