using Routing.Abstractions.Configuration;
using Routing.Core;

namespace Routing.Grains.Tests.Stress;

/// <summary>A centre with many agents whose skills overlap many queues, built from a seed.</summary>
internal static class StressCentre
{
    public const int SkillCount = 8;

    public static TenantConfiguration Build(string tenantId, int queues, int agents, Random random)
    {
        var strategies = Enum.GetValues<SelectionStrategy>();
        var queueDefinitions = Enumerable.Range(0, queues).Select(q => new QueueDefinition
        {
            QueueId = $"q{q:D2}",
            // Every queue needs one skill; every third needs a second one at a higher level.
            RequiredSkills = q % 3 == 0
                ? [new SkillRequirement(Skill(q), 1), new SkillRequirement(Skill(q + 3), 2)]
                : [new SkillRequirement(Skill(q), 1 + (q % 2))],
            Strategy = strategies[q % strategies.Length],
            PriorityWeight = TimeSpan.FromSeconds(1),
            OfferTimeout = TimeSpan.FromMilliseconds(400),
            ReofferDelay = TimeSpan.FromMilliseconds(200),
            WrapUpTime = TimeSpan.FromMilliseconds(150),
        }).ToArray();

        var agentDefinitions = Enumerable.Range(0, agents).Select(a => new AgentDefinition
        {
            AgentId = $"a{a:D4}",
            // Three to five distinct skills at levels 2–5: overlapping, so most agents serve several queues.
            Skills = [.. Enumerable.Range(0, SkillCount).OrderBy(_ => random.Next()).Take(random.Next(3, 6))
                .Select(s => new SkillLevel(Skill(s), random.Next(2, 6)))],
            Capacity = a % 3 == 0
                ? new ChannelCounts { Voice = 1, Chat = 3 }
                : new ChannelCounts { Voice = 1, Chat = 2, Email = 2 },
        }).ToArray();

        return new TenantConfiguration
        {
            TenantId = tenantId,
            Queues = queueDefinitions,
            Agents = agentDefinitions,
            NoAnswerThreshold = 1,
            VoiceIsExclusive = true,
        };
    }

    private static string Skill(int index) => $"skill{index % SkillCount}";
}
