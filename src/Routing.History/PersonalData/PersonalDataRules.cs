using Routing.Core;

namespace Routing.History.PersonalData;

/// <summary>A tenant's personal data policy as the history applies it (the tenant configuration's policy, mapped by the
/// server): the mode, the attribute keys that are personal and whether the customer id is.</summary>
public sealed record PersonalDataRules(PersonalDataMode Mode, IReadOnlySet<string> PersonalAttributes, bool ProtectCustomerId)
{
    /// <summary>Masking, no personal attributes, the customer id kept as is: the default of every tenant.</summary>
    public static readonly PersonalDataRules Default = new(PersonalDataMode.Mask, new HashSet<string>(StringComparer.Ordinal), false);

    public bool IsPersonalAttribute(string key) => PersonalAttributes.Contains(key);
}

/// <summary>Where the history's writers and readers find a tenant's <see cref="PersonalDataRules"/>.</summary>
public interface IPersonalDataPolicies
{
    /// <summary>The tenant's rules (the default when it has none). Throws when they cannot be read now; a writer then
    /// tries again rather than store anything unprotected.</summary>
    ValueTask<PersonalDataRules> GetAsync(string tenantId, CancellationToken cancellationToken);
}

/// <summary>Every tenant gets <see cref="PersonalDataRules.Default"/>: for a process that knows no tenant configuration.
/// The server replaces it with the tenants' own policies.</summary>
public sealed class DefaultPersonalDataPolicies : IPersonalDataPolicies
{
    public ValueTask<PersonalDataRules> GetAsync(string tenantId, CancellationToken cancellationToken) => ValueTask.FromResult(PersonalDataRules.Default);
}
