using System.Security.Cryptography;
using System.Text;

namespace Routing.History.PersonalData;

/// <summary>
/// Keyed hashes (HMAC-SHA256 with the tenant key's hash subkey) of normalised numbers and ids, stored so that an
/// equality search finds them without the value itself being stored. Without the key a hash cannot be tried against
/// every possible number. Numbers are normalised first (<see cref="Normalize"/>), so <c>+44 20 7946 0123</c> and
/// <c>+442079460123</c> are the same customer.
/// </summary>
public static class PersonalDataHash
{
    /// <summary>The prefix of hashes kept for tenants in plain mode that have no key: the value is stored anyway, so an
    /// unkeyed hash gives nothing away.</summary>
    private const string PlainPrefix = "plain:";

    /// <summary>An address (with <c>@</c>) trimmed and in lower case; a number as its digits, with a leading <c>+</c> kept.</summary>
    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        if (trimmed.Contains('@', StringComparison.Ordinal))
        {
            return trimmed.ToLowerInvariant();
        }
        var builder = new StringBuilder(trimmed.Length);
        foreach (var character in trimmed)
        {
            if (char.IsAsciiDigit(character) || (character == '+' && builder.Length == 0))
            {
                builder.Append(character);
            }
        }
        return builder.Length > 0 ? builder.ToString() : trimmed.ToLowerInvariant();
    }

    /// <summary>The keyed hash of <paramref name="value"/> (normalised) under <paramref name="key"/>.</summary>
    public static string Of(PersonalDataKey key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToBase64String(HMACSHA256.HashData(key.HashKey, Encoding.UTF8.GetBytes(Normalize(value))));
    }

    /// <summary>The unkeyed hash of a plain-mode value of a tenant without a key.</summary>
    public static string Plain(string tenantId, string value) =>
        PlainPrefix + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenantId}/{Normalize(value)}")));

    /// <summary>Every hash a stored row of the tenant may hold for <paramref name="value"/>: one per key (a rotation keeps
    /// older rows findable while their key is listed) and the plain-mode one.</summary>
    public static IReadOnlyList<string> Candidates(IReadOnlyList<PersonalDataKey> keys, string tenantId, string value)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return [.. keys.Select(key => Of(key, value)), Plain(tenantId, value)];
    }
}
