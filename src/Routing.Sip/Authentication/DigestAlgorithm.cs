using System.Security.Cryptography;
using System.Text;

namespace Routing.Sip.Authentication;

/// <summary>A digest algorithm of RFC 7616 §3.3 that SIP uses (RFC 8760 §2.1): SHA-256 and MD5. The <c>-sess</c>
/// variants are not offered: they need the client's cnonce in HA1, which a store of HA1 values cannot serve.</summary>
public sealed class DigestAlgorithm
{
    private readonly Func<byte[], byte[]> _hash;

    private DigestAlgorithm(string name, Func<byte[], byte[]> hash)
    {
        Name = name;
        _hash = hash;
    }

    /// <summary>Offered first: RFC 8760 §2.4 asks for the strongest algorithm first.</summary>
    public static DigestAlgorithm Sha256 { get; } = new("SHA-256", SHA256.HashData);

    /// <summary>Kept for the phones that know nothing else (RFC 8760 §2.4 lets a server offer it after SHA-256).</summary>
    public static DigestAlgorithm Md5 { get; } = new("MD5", MD5.HashData);

    /// <summary>Every algorithm, in the order the challenge offers them.</summary>
    public static IReadOnlyList<DigestAlgorithm> All { get; } = [Sha256, Md5];

    /// <summary>The token of the <c>algorithm</c> parameter.</summary>
    public string Name { get; }

    /// <summary>Length of <see cref="Hash"/>'s result in hex characters.</summary>
    public int HexLength => this == Md5 ? 32 : 64;

    /// <summary>H(data) as lower-case hex over the UTF-8 bytes (RFC 7616 §3.4.1).</summary>
    public string Hash(string data) => Convert.ToHexStringLower(_hash(Encoding.UTF8.GetBytes(data)));

    /// <summary>The algorithm named by <paramref name="name"/> (case-insensitive); an absent parameter means MD5
    /// (RFC 7616 §3.3).</summary>
    public static DigestAlgorithm? Find(string? name) =>
        name is null ? Md5 : All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Name;
}
