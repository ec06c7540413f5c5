using System.Text.Json;

namespace Routing.History.PersonalData;

/// <summary>
/// Stored interactions and events as a caller may see them. A caller without permission gets the masked form of every
/// personal value (masking again what is stored masked, and masking what a plain-mode tenant stored as given); a caller
/// with permission gets the full values back from the encrypted column (encrypt mode) or as stored (plain mode). The
/// search hashes and the ciphertexts themselves never leave the store.
/// </summary>
public sealed class PersonalDataReader(PersonalDataKeyRing keys)
{
    public InteractionRecord Read(InteractionRecord stored, PersonalDataRules rules, bool permitted)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(rules);
        var shown = stored with { PersonalSecret = null, CustomerNumberHash = null, CustomerIdHash = null };
        if (!permitted)
        {
            return shown with
            {
                CustomerNumber = PersonalDataMask.MaskOrNull(stored.CustomerNumber),
                CallbackNumber = PersonalDataMask.MaskOrNull(stored.CallbackNumber),
                CustomerId = rules.ProtectCustomerId ? PersonalDataMask.MaskOrNull(stored.CustomerId) : stored.CustomerId,
                Attributes = MaskAttributes(stored.Attributes, rules),
            };
        }
        if (stored.PersonalSecret is not { } secret
            || PersonalDataCipher.TryDecrypt(keys.KeysOf(stored.TenantId), secret, PersonalDataContext.Of(stored)) is not { } json
            || JsonSerializer.Deserialize<PersonalValues>(json) is not { } values)
        {
            return shown;
        }
        var attributes = new Dictionary<string, string>(stored.Attributes, StringComparer.Ordinal);
        foreach (var (key, value) in values.Attributes ?? [])
        {
            attributes[key] = value;
        }
        return shown with
        {
            CustomerNumber = values.CustomerNumber ?? stored.CustomerNumber,
            CallbackNumber = values.CallbackNumber ?? stored.CallbackNumber,
            CustomerId = values.CustomerId ?? stored.CustomerId,
            Attributes = attributes,
        };
    }

    public InteractionEventRecord Read(InteractionEventRecord stored, bool permitted)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var shown = stored with { PersonalSecret = null };
        if (!PersonalDataContext.IsPersonal(stored.Kind))
        {
            return shown;
        }
        if (!permitted)
        {
            return shown with { Detail = PersonalDataMask.MaskOrNull(stored.Detail) };
        }
        return stored.PersonalSecret is { } secret && PersonalDataCipher.TryDecrypt(keys.KeysOf(stored.TenantId), secret, PersonalDataContext.Of(stored)) is { } detail
            ? shown with { Detail = detail }
            : shown;
    }

    /// <summary>The attributes with the values of the personal ones masked.</summary>
    public static IReadOnlyDictionary<string, string> MaskAttributes(IReadOnlyDictionary<string, string> attributes, PersonalDataRules rules)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(rules);
        foreach (var (name, _) in attributes)
        {
            if (rules.IsPersonalAttribute(name))
            {
                return attributes.ToDictionary(pair => pair.Key, pair => rules.IsPersonalAttribute(pair.Key) ? PersonalDataMask.Mask(pair.Value) : pair.Value, StringComparer.Ordinal);
            }
        }
        // No personal attribute: the same dictionary, so a caller can tell nothing changed.
        return attributes;
    }
}
