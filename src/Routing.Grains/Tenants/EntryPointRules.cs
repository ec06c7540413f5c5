using Routing.Abstractions.Configuration;
using Routing.Abstractions.EntryPoints;
using Routing.Core;

namespace Routing.Grains.Tenants;

/// <summary>Checks a tenant's entry points against the rest of its configuration: ids and addresses unique, every
/// queue and preferred agent they name configured.</summary>
internal static class EntryPointRules
{
    public static IEnumerable<string> Problems(TenantConfiguration configuration, IReadOnlySet<string?> queueIds)
    {
        if (configuration.EntryPoints is not { } entryPoints)
        {
            yield return "entry points must be a list (empty is fine)";
            yield break;
        }
        if (entryPoints.Length > TenantConfiguration.MaxEntryPoints)
        {
            yield return $"at most {TenantConfiguration.MaxEntryPoints} entry points";
            yield break;
        }
        var agentIds = configuration.Agents.Select(a => a?.AgentId).ToHashSet(StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var addressCount = 0;
        foreach (var entryPoint in entryPoints)
        {
            if (entryPoint is null)
            {
                yield return "an entry point is missing";
                continue;
            }
            foreach (var problem in entryPoint.Problems())
            {
                yield return problem;
            }
            var owner = $"entry point '{EntityId.Shown(entryPoint.EntryPointId)}'";
            foreach (var queueId in QueuesOf(entryPoint).Where(q => EntityId.IsValid(q) && !queueIds.Contains(q)))
            {
                yield return $"{owner} sends contacts to queue '{queueId}', which is not configured";
            }
            foreach (var agentId in (entryPoint.Rules ?? []).Select(r => r?.PreferredAgentId).Where(a => EntityId.IsValid(a) && !agentIds.Contains(a)))
            {
                yield return $"{owner} prefers agent '{agentId}', which is not configured";
            }
            // The id and every address share one lookup table: a gateway may name either.
            foreach (var key in (entryPoint.Addresses ?? []).Prepend(entryPoint.EntryPointId).Where(k => k is not null).Distinct(StringComparer.Ordinal))
            {
                addressCount++;
                if (!owners.TryAdd(key, entryPoint.EntryPointId))
                {
                    yield return $"{owner}: '{EntityId.Shown(key)}' already leads to entry point '{EntityId.Shown(owners[key])}'";
                }
            }
        }
        if (addressCount > TenantConfiguration.MaxEntryAddresses)
        {
            yield return $"entry points have {addressCount:N0} ids and addresses in all (at most {TenantConfiguration.MaxEntryAddresses:N0})";
        }
    }

    /// <summary>Each entry point's id and addresses, for looking a contact's entry up.</summary>
    public static Dictionary<string, EntryPointDefinition> ByAddress(TenantConfiguration configuration)
    {
        var byAddress = new Dictionary<string, EntryPointDefinition>(StringComparer.Ordinal);
        foreach (var entryPoint in configuration.EntryPoints)
        {
            byAddress[entryPoint.EntryPointId] = entryPoint;
            foreach (var address in entryPoint.Addresses)
            {
                byAddress[address] = entryPoint;
            }
        }
        return byAddress;
    }

    private static IEnumerable<string?> QueuesOf(EntryPointDefinition entryPoint) =>
        (entryPoint.Rules ?? []).Select(r => r?.QueueId).Where(q => q is not null).Prepend(entryPoint.QueueId);
}
