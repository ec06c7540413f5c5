using Routing.Abstractions.Configuration;
using Routing.Abstractions.EntryPoints;
using Routing.Abstractions.Protocol;

namespace Routing.Abstractions;

/// <summary>A tenant (keyed by tenant id): its configuration and directory. Applying a large tenant
/// configures every queue and agent, so those calls may take longer than the cluster's grain call timeout.
/// Waking the tenant after a silo was lost is on <see cref="ITenantRecovery"/>, which the same grain implements.</summary>
[Alias("routing.tenant")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Validates the whole configuration (every problem reported at once) and applies it to
    /// the tenant's queues and agents. Idempotent. It is stored as pending before any queue or agent
    /// changes and as applied once all have it, so when a call inside fails the apply throws, the
    /// configuration stays pending, and applying it again completes it.</summary>
    [ResponseTimeout("00:10:00")]
    [Alias("Apply")]
    Task Apply(TenantConfiguration configuration);

    /// <summary>The newest configuration (see <see cref="GetConfigurationStatus"/>); answers while an apply runs.</summary>
    [AlwaysInterleave]
    [Alias("GetConfiguration")]
    Task<TenantConfiguration?> GetConfiguration();

    /// <summary>The newest configuration and whether its apply is still pending; answers while an apply runs.</summary>
    [AlwaysInterleave]
    [Alias("GetConfigurationStatus")]
    Task<TenantConfigurationStatus> GetConfigurationStatus();

    /// <summary>The personal data policy of the newest configuration (the default, masking, when there is none): the
    /// history's writers ask for it, so it is small and answers while an apply runs.</summary>
    [AlwaysInterleave]
    [Alias("GetPersonalDataPolicy")]
    Task<PersonalDataPolicy> GetPersonalDataPolicy();

    /// <summary>Where a contact reaching <see cref="EntryCall.Entry"/> (an entry point's id or address) goes, by the newest
    /// configuration's entry point and rules; null when no entry point has that id or address. Answers while an apply runs.</summary>
    [AlwaysInterleave]
    [Alias("DecideEntry")]
    Task<EntryDecision?> DecideEntry(EntryCall call);

    /// <summary>Adds or replaces one queue (by id) in the configuration and applies the result, validated
    /// as a whole. NotFound when the tenant has no configuration yet.</summary>
    [ResponseTimeout("00:10:00")]
    [Alias("PutQueue")]
    Task<TenantConfiguration> PutQueue(QueueDefinition queue);

    /// <summary>Adds or replaces one agent (by id) in the configuration and applies the result, validated
    /// as a whole. NotFound when the tenant has no configuration yet.</summary>
    [ResponseTimeout("00:10:00")]
    [Alias("PutAgent")]
    Task<TenantConfiguration> PutAgent(AgentDefinition agent);
}
