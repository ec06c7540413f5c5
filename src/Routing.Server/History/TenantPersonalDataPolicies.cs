using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Routing.Abstractions;
using Routing.Abstractions.Configuration;
using Routing.History.PersonalData;

namespace Routing.Server.History;

/// <summary>
/// The tenants' personal data policies for the history's writers, from their configuration (the tenant grain), kept by
/// this silo for <see cref="PersonalDataOptions.PolicyRefresh"/>: the writers ask once per batch and tenant, and a
/// changed policy applies to what is written after the refresh. When the tenant cannot be asked, the last policy read
/// is used; with none read yet the write fails and the recorder tries it again: nothing is stored unprotected.
/// </summary>
internal sealed class TenantPersonalDataPolicies(IGrainFactory grainFactory, IOptions<PersonalDataOptions> options, TimeProvider clock) : IPersonalDataPolicies
{
    private readonly ConcurrentDictionary<string, (PersonalDataRules Rules, DateTimeOffset ReadAt)> _known = new(StringComparer.Ordinal);

    public async ValueTask<PersonalDataRules> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_known.TryGetValue(tenantId, out var known) && now - known.ReadAt < options.Value.PolicyRefresh)
        {
            return known.Rules;
        }
        try
        {
            var rules = (await grainFactory.Tenant(tenantId).GetPersonalDataPolicy().WaitAsync(cancellationToken)).ToRules();
            _known[tenantId] = (rules, now);
            return rules;
        }
        catch (Exception exception) when (exception is not OperationCanceledException && known.Rules is not null)
        {
            return known.Rules;
        }
    }
}

/// <summary>The tenant configuration's policy as the history applies it.</summary>
internal static class PersonalDataRulesMapping
{
    public static PersonalDataRules ToRules(this PersonalDataPolicy? policy) => policy is null
        ? PersonalDataRules.Default
        : new PersonalDataRules(policy.Mode, policy.PersonalAttributes.ToHashSet(StringComparer.Ordinal), policy.ProtectCustomerId);
}
