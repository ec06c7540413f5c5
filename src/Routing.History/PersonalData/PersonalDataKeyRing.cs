using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Routing.History.PersonalData;

/// <summary>
/// Every tenant's keys from <see cref="PersonalDataOptions"/> (validated at start-up), the active one first. In the
/// Development environment, with <see cref="PersonalDataOptions.UseDevelopmentKey"/>, a tenant without keys of its own
/// uses the published <see cref="DevelopmentKey"/>.
/// </summary>
public sealed class PersonalDataKeyRing
{
    /// <summary>Length of a key in bytes (AES-256).</summary>
    public const int KeyBytes = 32;

    /// <summary>The published development key ("development-only-personal-data!!"): anyone can read it, so it protects
    /// nothing, and a server outside the Development environment refuses to start with it.</summary>
    public const string DevelopmentKey = "ZGV2ZWxvcG1lbnQtb25seS1wZXJzb25hbC1kYXRhISE=";

    /// <summary>The id the development key's ciphertexts carry.</summary>
    public const string DevelopmentKeyId = "development";

    private readonly Dictionary<string, PersonalDataKey[]> _keys;
    private readonly PersonalDataKey[] _fallback;

    public PersonalDataKeyRing(IOptions<PersonalDataOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var settings = options.Value;
        _keys = settings.Keys.ToDictionary(
            pair => pair.Key,
            pair => pair.Value.Select(key => new PersonalDataKey(key.Id, Decode(key.Key))).ToArray(),
            StringComparer.Ordinal);
        _fallback = settings.UseDevelopmentKey && environment.IsDevelopment()
            ? [new PersonalDataKey(DevelopmentKeyId, Decode(DevelopmentKey))]
            : [];
    }

    /// <summary>The tenant's keys, the active one first; empty when it has none.</summary>
    public IReadOnlyList<PersonalDataKey> KeysOf(string tenantId) => _keys.TryGetValue(tenantId, out var keys) ? keys : _fallback;

    /// <summary>The key that encrypts the tenant's new data, or null when it has none.</summary>
    public PersonalDataKey? ActiveKeyOf(string tenantId) => KeysOf(tenantId) is [var active, ..] ? active : null;

    /// <summary>True when <paramref name="text"/> is <see cref="KeyBytes"/> bytes in base64.</summary>
    public static bool TryDecodeKey(string? text, out byte[] key)
    {
        key = new byte[KeyBytes];
        return text is not null && Convert.TryFromBase64String(text.Trim(), key, out var length) && length == KeyBytes;
    }

    private static byte[] Decode(string text) => TryDecodeKey(text, out var key)
        ? key
        : throw new InvalidOperationException($"a {PersonalDataOptions.SectionName} key is not {KeyBytes} bytes in base64");
}
