using System.Security.Cryptography;
using System.Text;

namespace Routing.History.PersonalData;

/// <summary>One tenant key as it is used: separate subkeys (HKDF-SHA256 of the configured key) for encryption and for
/// the search hashes, so neither use weakens the other.</summary>
public sealed class PersonalDataKey
{
    private static readonly byte[] EncryptionInfo = Encoding.ASCII.GetBytes("routing.history.personal-data.encryption");
    private static readonly byte[] HashInfo = Encoding.ASCII.GetBytes("routing.history.personal-data.search-hash");

    public PersonalDataKey(string id, ReadOnlySpan<byte> key)
    {
        Id = id;
        EncryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key.ToArray(), PersonalDataKeyRing.KeyBytes, salt: [], info: EncryptionInfo);
        HashKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key.ToArray(), PersonalDataKeyRing.KeyBytes, salt: [], info: HashInfo);
    }

    /// <summary>The id stored with each ciphertext.</summary>
    public string Id { get; }

    internal byte[] EncryptionKey { get; }

    internal byte[] HashKey { get; }
}
