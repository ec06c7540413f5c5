using Routing.Abstractions.Configuration;
using Routing.Core;

namespace Routing.Grains.Tenants;

/// <summary>Checks a whole tenant configuration and resolves who serves which queue.</summary>
internal static class TenantConfigurationRules
{
    /// <summary>Every problem in the configuration, so one attempt shows them all.</summary>
    public static List<string> Problems(TenantConfiguration configuration, string tenantId)
    {
        var problems = new List<string>();
        problems.AddRange(configuration.OwnProblems());
        if (configuration.TenantId != tenantId)
        {
            problems.Add($"configuration for tenant '{EntityId.Shown(configuration.TenantId)}' sent to tenant '{tenantId}'");
        }
        if (configuration.Queues is null || configuration.Agents is null)
        {
            problems.Add("queues and agents must be lists (empty is fine)");
            return problems;
        }
        // An over-long time zone is reported by OwnProblems; only a plausible one is looked up.
        if (configuration.TimeZone is not { Length: > TextLimits.MaxTimeZoneLength } && !TimeZoneInfo.TryFindSystemTimeZoneById(configuration.TimeZone ?? "", out _))
        {
            problems.Add($"unknown time zone '{configuration.TimeZone}'");
        }
        if (configuration.NoAnswerThreshold is < 1 or > 100)
        {
            problems.Add($"no-answer threshold {configuration.NoAnswerThreshold} is outside 1–100");
        }
        if (configuration.Queues.Length > TenantConfiguration.MaxQueues)
        {
            problems.Add($"at most {TenantConfiguration.MaxQueues} queues");
        }
        if (configuration.Agents.Length > TenantConfiguration.MaxAgents)
        {
            problems.Add($"at most {TenantConfiguration.MaxAgents} agents");
        }
        problems.AddRange(configuration.Queues.SelectMany(q => q?.Problems() ?? ["a queue is missing"]));
        problems.AddRange(configuration.Agents.SelectMany(a => a?.Problems() ?? ["an agent is missing"]));
        problems.AddRange(Duplicates(configuration.Queues.Select(q => q?.QueueId), "queue"));
        problems.AddRange(Duplicates(configuration.Agents.Select(a => a?.AgentId), "agent"));
        var queueIds = configuration.Queues.Select(q => q?.QueueId).ToHashSet(StringComparer.Ordinal);
        foreach (var agent in configuration.Agents.Where(a => a?.Queues is not null))
        {
            // Invalid ids are reported by the agent's own problems.
            foreach (var queueId in agent.Queues!.Where(q => EntityId.IsValid(q) && !queueIds.Contains(q)))
            {
                problems.Add($"agent '{EntityId.Shown(agent.AgentId)}' serves queue '{queueId}', which is not configured");
            }
        }
        foreach (var queue in configuration.Queues.Where(q => q?.Overflow?.QueueId is not null))
        {
            var target = queue.Overflow!.QueueId!;
            if (target != queue.QueueId && !queueIds.Contains(target))
            {
                problems.Add($"queue '{EntityId.Shown(queue.QueueId)}' overflows to queue '{EntityId.Shown(target)}', which is not configured");
            }
        }
        problems.AddRange(EntryPointRules.Problems(configuration, queueIds));
        return problems;
    }

    /// <summary>The queues each agent serves: those listed, or else every queue whose skills it meets, at the
    /// start or at any of the queue's escalation steps (so agents a step brings in are members, indexed by the
    /// queue and asking it for work; they are offered its work only once that step is in force). Queues are
    /// looked up by a skill they require, so an agent is checked only against queues it might meet.</summary>
    public static Dictionary<string, string[]> QueuesByAgent(TenantConfiguration configuration)
    {
        var candidates = new QueueCandidates(configuration.Queues);
        return configuration.Agents.ToDictionary(
            a => a.AgentId,
            a => a.Queues is not null ? [.. a.Queues.Distinct(StringComparer.Ordinal)] : candidates.MetBy(new SkillSet(a.Skills)),
            StringComparer.Ordinal);
    }

    /// <summary>Agents in more queues than <see cref="TenantConfiguration.MaxQueuesPerAgent"/>, and memberships
    /// beyond <see cref="TenantConfiguration.MaxMemberships"/>: what applying and running them costs grows with
    /// every agent–queue pair, so the limits keep a tenant within what a silo holds.</summary>
    public static List<string> MembershipProblems(Dictionary<string, string[]> queuesByAgent)
    {
        var problems = new List<string>();
        var crowded = queuesByAgent.Where(a => a.Value.Length > TenantConfiguration.MaxQueuesPerAgent).ToList();
        if (crowded.Count > 0)
        {
            var examples = string.Join(", ", crowded.Take(3).Select(a => $"'{a.Key}' ({a.Value.Length})"));
            problems.Add($"{crowded.Count} agent(s) serve more than {TenantConfiguration.MaxQueuesPerAgent} queues, e.g. {examples}; "
                + "give them a list of queues, or require skills in the queues so fewer agents meet them");
        }
        var memberships = queuesByAgent.Sum(a => (long)a.Value.Length);
        if (memberships > TenantConfiguration.MaxMemberships)
        {
            problems.Add($"agents serve {memberships:N0} queue places in all (at most {TenantConfiguration.MaxMemberships:N0}); "
                + "give agents shorter lists of queues, or require more skills in the queues");
        }
        return problems;
    }

    private static IEnumerable<string> Duplicates(IEnumerable<string?> ids, string kind) =>
        ids.Where(id => id is not null)
            .GroupBy(id => id, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{kind} '{EntityId.Shown(g.Key)}' is defined {g.Count()} times");
}
