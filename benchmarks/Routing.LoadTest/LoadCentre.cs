using Routing.Contracts.V1;

namespace Routing.LoadTest;

/// <summary>
/// The centre a load run configures in its own tenant: queues q0…qN each needing their skill, agents
/// a0…aM each with a primary skill (queue i gets agents i, i+Q, …) and, for a third of them, a second
/// skill at a lower level, so queues share agents as real blended teams do. All configured agents are
/// defined; the first ones log in.
/// </summary>
internal static class LoadCentre
{
    public static string QueueId(int index) => $"q{index}";

    public static string AgentId(int index) => $"a{index}";

    public static TenantConfiguration Build(LoadSettings settings)
    {
        var configuration = new TenantConfiguration { TenantId = settings.Tenant, Name = "Load test" };
        for (var q = 0; q < settings.Queues; q++)
        {
            configuration.Queues.Add(new QueueDefinition
            {
                QueueId = QueueId(q),
                RequiredSkills = { new SkillRequirement { Skill = $"skill{q}", MinimumLevel = 1 } },
                OfferTimeout = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(20)),
                WrapUpTime = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(settings.WrapUp + TimeSpan.FromSeconds(30)),
            });
        }
        for (var a = 0; a < settings.ConfiguredAgents; a++)
        {
            var agent = new AgentDefinition
            {
                AgentId = AgentId(a),
                Capacity = new ChannelCounts { Voice = 1, Chat = 3, Email = 5, Message = 3, Callback = 1 },
                Skills = { new SkillLevel { Skill = $"skill{a % settings.Queues}", Level = 4 } },
            };
            if (settings.Queues > 1 && a % 3 == 0)
            {
                agent.Skills.Add(new SkillLevel { Skill = $"skill{(a + 1) % settings.Queues}", Level = 2 });
            }
            if (settings.ViaSip)
            {
                // Where the gateway redirects a caller once the agent accepts.
                agent.Endpoint = $"sip:{agent.AgentId}@agents.load.example";
            }
            configuration.Agents.Add(agent);
        }
        if (settings.ViaSip)
        {
            for (var q = 0; q < settings.Queues; q++)
            {
                var entry = new EntryPoint { EntryPointId = $"line{q}", QueueId = QueueId(q), Mode = EntryPointMode.Redirect };
                entry.Addresses.Add(SipArrivals.Address(q));
                configuration.EntryPoints.Add(entry);
            }
        }
        return configuration;
    }
}
