using System.Security.Cryptography;
using System.Text;

namespace Routing.Grains.Webhooks;

/// <summary>
/// Webhook signatures as the Standard Webhooks convention has them: the HMAC-SHA256, keyed with the secret's bytes, of
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>, sent as <c>webhook-signature: v1,&lt;base64&gt;</c>. A secret is
/// <c>whsec_</c> and its key in base64.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// <summary>Key lengths a secret may hold, in bytes.</summary>
    public const int MinKeyBytes = 24;
    public const int MaxKeyBytes = 64;

    /// <summary>A new random secret (32-byte key).</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The key of a well-formed secret, or null.</summary>
    public static byte[]? KeyOf(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        var key = new byte[MaxKeyBytes];
        return Convert.TryFromBase64String(secret[SecretPrefix.Length..], key, out var length) && length >= MinKeyBytes ? key[..length] : null;
    }

    /// <summary>The <c>webhook-signature</c> value of a message.</summary>
    public static string Sign(string secret, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var key = KeyOf(secret) ?? throw new ArgumentException($"a webhook secret is {SecretPrefix} and a key of {MinKeyBytes}–{MaxKeyBytes} bytes in base64", nameof(secret));
        var prefix = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{id}.{timestamp}."));
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }
}
