using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Routing.Sip.Authentication;

/// <summary>Stateless, tamper-proof nonces: base64url of the issue time (Unix milliseconds, 8 bytes), 8 random bytes
/// (so two challenges in the same millisecond differ and their nonce counts do not mix), and HMAC-SHA256 over
/// time|random|realm with a key drawn when the process starts. Nothing is stored per challenge, so a flood of
/// unauthenticated REGISTERs costs no memory; a nonce from before a restart fails the check and is challenged again.</summary>
public sealed class DigestNonces(string realm, TimeSpan lifetime, TimeProvider time)
{
    private const int StampLength = 16;
    private const int MacLength = 32;

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _realm = Encoding.UTF8.GetBytes(realm);

    public TimeSpan Lifetime => lifetime;

    public string Issue()
    {
        Span<byte> nonce = stackalloc byte[StampLength + MacLength];
        BinaryPrimitives.WriteInt64BigEndian(nonce, time.GetUtcNow().ToUnixTimeMilliseconds());
        RandomNumberGenerator.Fill(nonce[8..StampLength]);
        Sign(nonce[..StampLength], nonce[StampLength..]);
        return Base64Url(nonce);
    }

    /// <summary>Checks a nonce this process issued for this realm: <see cref="NonceState.Valid"/> within its
    /// lifetime, <see cref="NonceState.Expired"/> after, <see cref="NonceState.Invalid"/> when forged, altered, from
    /// another realm or another process. <paramref name="issuedAt"/> is the time it carries when not invalid.</summary>
    public NonceState Check(string nonce, out DateTimeOffset issuedAt)
    {
        issuedAt = default;
        Span<byte> bytes = stackalloc byte[StampLength + MacLength];
        if (nonce.Length != 64 || !TryDecode(nonce, bytes))
        {
            return NonceState.Invalid;
        }
        Span<byte> expected = stackalloc byte[MacLength];
        Sign(bytes[..StampLength], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes[StampLength..]))
        {
            return NonceState.Invalid;
        }
        issuedAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(bytes));
        var age = time.GetUtcNow() - issuedAt;
        return age < TimeSpan.Zero || age > lifetime ? NonceState.Expired : NonceState.Valid;
    }

    private void Sign(ReadOnlySpan<byte> stamp, Span<byte> mac)
    {
        Span<byte> input = stackalloc byte[StampLength + 1 + _realm.Length];
        stamp.CopyTo(input);
        input[StampLength] = (byte)'|';
        _realm.CopyTo(input[(StampLength + 1)..]);
        HMACSHA256.HashData(_key, input, mac);
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string nonce, Span<byte> into)
    {
        // 48 bytes are exactly 64 base64 characters, so there is no padding to restore.
        var standard = nonce.Replace('-', '+').Replace('_', '/');
        return Convert.TryFromBase64String(standard, into, out var written) && written == into.Length;
    }
}

/// <summary>What <see cref="DigestNonces.Check"/> found.</summary>
public enum NonceState
{
    Valid,
    Expired,
    Invalid,
}
