using System.Security.Cryptography;
using System.Text;

namespace Routing.History.PersonalData;

/// <summary>
/// AES-256-GCM for stored personal data. A ciphertext is <c>v1:&lt;key id&gt;:&lt;base64 of nonce, ciphertext and
/// tag&gt;</c>: the key id picks the key after a rotation. The row's identity (tenant, interaction, sequence) is the
/// associated data, so a ciphertext copied to another row or tenant does not decrypt.
/// </summary>
public static class PersonalDataCipher
{
    private const string Version = "v1";
    private const char Separator = ':';
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public static string Encrypt(PersonalDataKey key, string plaintext, string context)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(plaintext);
        var clear = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceBytes + clear.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.EncryptionKey, TagBytes);
        aes.Encrypt(nonce, clear, sealedBytes.AsSpan(NonceBytes, clear.Length), sealedBytes.AsSpan(NonceBytes + clear.Length), Encoding.UTF8.GetBytes(context));
        return $"{Version}{Separator}{key.Id}{Separator}{Convert.ToBase64String(sealedBytes)}";
    }

    /// <summary>The plaintext, or null when no key of <paramref name="keys"/> has the ciphertext's id, or the ciphertext
    /// was altered or belongs to another row.</summary>
    public static string? TryDecrypt(IReadOnlyList<PersonalDataKey> keys, string ciphertext, string context)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var parts = ciphertext.Split(Separator);
        if (parts is not [Version, var keyId, var body] || keys.FirstOrDefault(key => key.Id == keyId) is not { } key)
        {
            return null;
        }
        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(body);
        }
        catch (FormatException)
        {
            return null;
        }
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            return null;
        }
        var length = sealedBytes.Length - NonceBytes - TagBytes;
        var clear = new byte[length];
        try
        {
            using var aes = new AesGcm(key.EncryptionKey, TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, length), sealedBytes.AsSpan(NonceBytes + length), clear, Encoding.UTF8.GetBytes(context));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        return Encoding.UTF8.GetString(clear);
    }
}
