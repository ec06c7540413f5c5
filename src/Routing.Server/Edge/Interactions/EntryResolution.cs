using Routing.Abstractions;
using Routing.Abstractions.EntryPoints;
using Routing.Abstractions.Interactions;
using V1 = Routing.Contracts.V1;

namespace Routing.Server.Edge.Interactions;

/// <summary>Contacts that name an entry point instead of a queue: the tenant's entry point rules decide where they go.</summary>
internal static class EntryResolution
{
    /// <summary>The decision for <paramref name="call"/> in <paramref name="tenantId"/>; NotFound when no entry point has its id or address.</summary>
    public static async Task<EntryDecision> DecideAsync(IGrainFactory grainFactory, string tenantId, EntryCall call)
    {
        if (!EntryPointDefinition.IsAddress(call.Entry))
        {
            throw EdgeRequests.InvalidArgument($"entry must be 1–{EntryPointDefinition.MaxAddressLength} printable characters without spaces");
        }
        return await grainFactory.GetGrain<ITenantGrain>(tenantId).DecideEntry(call)
            ?? throw EdgeRequests.NotFound($"no entry point has the id or address '{call.Entry}'");
    }

    public static EntryCall CallOf(V1.DecideEntryRequest request) => new()
    {
        Entry = request.Entry,
        CallerNumber = request.CustomerNumber.Length > 0 ? request.CustomerNumber : null,
        CustomerId = request.CustomerId.Length > 0 ? request.CustomerId : null,
        Attributes = request.Attributes,
    };

    /// <summary>The spec of a create request that names an entry, with the queue, priority, skills and preferred agent
    /// the entry point decided; InvalidArgument when the request also sets any of those itself.</summary>
    public static async Task<InteractionSpec> ApplyAsync(IGrainFactory grainFactory, string tenantId, V1.CreateInteractionRequest request, InteractionSpec spec)
    {
        if (request.QueueId.Length > 0 || request.Priority != 0 || request.RequiredSkills.Count > 0 || request.PreferredAgentId.Length > 0)
        {
            throw EdgeRequests.InvalidArgument("entry chooses the queue, priority, skills and preferred agent: leave queue_id, priority, required_skills and preferred_agent_id unset");
        }
        var decision = await DecideAsync(grainFactory, tenantId, new EntryCall
        {
            Entry = request.Entry,
            CallerNumber = spec.CustomerNumber,
            CustomerId = spec.CustomerId,
            Attributes = spec.Attributes,
        });
        var attributes = new Dictionary<string, string>(spec.Attributes, StringComparer.Ordinal)
        {
            [EntryDecision.EntryPointAttribute] = decision.EntryPointId,
        };
        if (decision.RuleId is { } rule)
        {
            attributes[EntryDecision.EntryRuleAttribute] = rule;
        }
        return spec with
        {
            QueueId = decision.QueueId,
            Priority = decision.Priority,
            RequiredSkills = decision.ExtraSkills,
            PreferredAgentId = decision.PreferredAgentId,
            Attributes = attributes,
        };
    }
}
