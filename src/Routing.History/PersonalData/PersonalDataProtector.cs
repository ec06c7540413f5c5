using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Routing.Core;

namespace Routing.History.PersonalData;

/// <summary>
/// Applies each tenant's <see cref="PersonalDataRules"/> to the facts before they are stored: the customer's number,
/// the callback number, the personal attributes, the customer id (when the policy says so) and the callback number in
/// the timeline. Mask keeps only the masked form; encrypt keeps the masked form and the full values encrypted with
/// the tenant's active key; plain keeps them as given. A keyed hash of the number (and of a protected customer id) is
/// kept in every mode that has a key, for equality searches. A tenant in encrypt mode without a key is masked instead
/// (logged once): nothing personal is ever stored in the clear by mistake.
/// </summary>
public sealed partial class PersonalDataProtector(IPersonalDataPolicies policies, PersonalDataKeyRing keys, ILogger<PersonalDataProtector> logger)
    : IHistoryFactProtector
{
    private readonly ConcurrentDictionary<string, bool> _warnedWithoutKey = new(StringComparer.Ordinal);

    public async ValueTask<IReadOnlyList<HistoryFact>> ProtectAsync(IReadOnlyList<HistoryFact> facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var rules = new Dictionary<string, PersonalDataRules>(StringComparer.Ordinal);
        var stored = new List<HistoryFact>(facts.Count);
        foreach (var fact in facts)
        {
            if (fact is not (InteractionRecord or InteractionEventRecord))
            {
                stored.Add(fact);
                continue;
            }
            if (!rules.TryGetValue(fact.TenantId, out var tenantRules))
            {
                rules[fact.TenantId] = tenantRules = await policies.GetAsync(fact.TenantId, cancellationToken);
            }
            stored.Add(fact switch
            {
                InteractionRecord interaction => Protect(interaction, tenantRules),
                InteractionEventRecord interactionEvent => Protect(interactionEvent, tenantRules),
                _ => fact,
            });
        }
        return stored;
    }

    /// <summary>The interaction as the store keeps it under <paramref name="rules"/>.</summary>
    public InteractionRecord Protect(InteractionRecord interaction, PersonalDataRules rules)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentNullException.ThrowIfNull(rules);
        var tenantId = interaction.TenantId;
        var (mode, key) = ModeOf(tenantId, rules);
        var customerId = rules.ProtectCustomerId ? interaction.CustomerId : null;
        var customerNumberHash = Hash(interaction.CustomerNumber);
        var customerIdHash = Hash(customerId);
        if (mode == PersonalDataMode.Plain)
        {
            return interaction with { CustomerNumberHash = customerNumberHash, CustomerIdHash = customerIdHash, PersonalSecret = null };
        }
        var attributes = PersonalDataReader.MaskAttributes(interaction.Attributes, rules);
        if (interaction.CustomerNumber is null && interaction.CallbackNumber is null && customerId is null && ReferenceEquals(attributes, interaction.Attributes)
            && customerNumberHash is null && customerIdHash is null && interaction.CustomerNumberHash is null && interaction.CustomerIdHash is null
            && interaction.PersonalSecret is null)
        {
            // Nothing personal to mask, hash or encrypt: stored as it came.
            return interaction;
        }
        string? secret = null;
        if (mode == PersonalDataMode.Encrypt)
        {
            var personalAttributes = PersonalAttributes(interaction.Attributes, rules);
            if ((interaction.CustomerNumber ?? interaction.CallbackNumber ?? customerId) is not null || personalAttributes is not null)
            {
                var values = new PersonalValues
                {
                    CustomerNumber = interaction.CustomerNumber,
                    CallbackNumber = interaction.CallbackNumber,
                    CustomerId = customerId,
                    Attributes = personalAttributes,
                };
                secret = PersonalDataCipher.Encrypt(key!, JsonSerializer.Serialize(values), PersonalDataContext.Of(interaction));
            }
        }
        return interaction with
        {
            CustomerNumber = PersonalDataMask.MaskOrNull(interaction.CustomerNumber),
            CallbackNumber = PersonalDataMask.MaskOrNull(interaction.CallbackNumber),
            CustomerId = customerId is null ? interaction.CustomerId : PersonalDataMask.Mask(customerId),
            Attributes = attributes,
            CustomerNumberHash = customerNumberHash,
            CustomerIdHash = customerIdHash,
            PersonalSecret = secret,
        };

        string? Hash(string? value) => value is null ? null
            : key is not null ? PersonalDataHash.Of(key, value)
            : mode == PersonalDataMode.Plain ? PersonalDataHash.Plain(tenantId, value)
            : null;
    }

    /// <summary>The personal attributes of <paramref name="attributes"/>, or null when it has none.</summary>
    private static Dictionary<string, string>? PersonalAttributes(IReadOnlyDictionary<string, string> attributes, PersonalDataRules rules)
    {
        Dictionary<string, string>? personal = null;
        foreach (var (name, value) in attributes)
        {
            if (rules.IsPersonalAttribute(name))
            {
                (personal ??= new Dictionary<string, string>(StringComparer.Ordinal))[name] = value;
            }
        }
        return personal;
    }

    /// <summary>The timeline event as the store keeps it under <paramref name="rules"/>.</summary>
    public InteractionEventRecord Protect(InteractionEventRecord stored, PersonalDataRules rules)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(rules);
        if (!PersonalDataContext.IsPersonal(stored.Kind) || stored.Detail is not { } detail)
        {
            return stored;
        }
        var (mode, key) = ModeOf(stored.TenantId, rules);
        return mode switch
        {
            PersonalDataMode.Plain => stored,
            PersonalDataMode.Encrypt => stored with { Detail = PersonalDataMask.Mask(detail), PersonalSecret = PersonalDataCipher.Encrypt(key!, detail, PersonalDataContext.Of(stored)) },
            _ => stored with { Detail = PersonalDataMask.Mask(detail), PersonalSecret = null },
        };
    }

    /// <summary>The mode the tenant's data is written in and the key: encrypt without a key masks.</summary>
    private (PersonalDataMode Mode, PersonalDataKey? Key) ModeOf(string tenantId, PersonalDataRules rules)
    {
        var key = keys.ActiveKeyOf(tenantId);
        if (rules.Mode == PersonalDataMode.Encrypt && key is null)
        {
            if (_warnedWithoutKey.TryAdd(tenantId, true))
            {
                EncryptWithoutKey(logger, tenantId, PersonalDataOptions.SectionName);
            }
            return (PersonalDataMode.Mask, null);
        }
        return (rules.Mode, key);
    }

    [LoggerMessage(EventId = 160, EventName = "PersonalDataEncryptWithoutKey", Level = LogLevel.Warning,
        Message = "Tenant {TenantId} asks for encrypted personal data but has no key under {Section}:Keys: its personal data is stored masked (not recoverable) until it has one")]
    private static partial void EncryptWithoutKey(ILogger logger, string tenantId, string section);
}
