using Routing.Abstractions.Configuration;
using Routing.Abstractions.Interactions;
using Routing.Core;

namespace Routing.Demo;

/// <summary>
/// Where the demo's customers go and what they ask for. Only work the logged-in agents can serve is
/// generated (a queue nobody serves, or a language nobody there speaks, would only wait for a hang-up).
/// </summary>
internal sealed class DemoWorkload
{
    private const double ChatShare = 0.25;
    private const double LanguageShare = 0.2;
    private const int LanguageLevel = 2;
    private const int MaxPriority = 2;

    private readonly (DemoRoute[] Routes, int Weight)[] _tenants;
    private readonly int _totalWeight;

    private DemoWorkload((DemoRoute[] Routes, int Weight)[] tenants)
    {
        _tenants = tenants;
        _totalWeight = tenants.Sum(t => t.Weight);
    }

    public IEnumerable<DemoRoute> Routes => _tenants.SelectMany(t => t.Routes);

    public bool IsEmpty => _totalWeight == 0;

    /// <param name="agents">The agents the demo logged in, per tenant.</param>
    public static DemoWorkload Create(IEnumerable<(TenantConfiguration Tenant, AgentDefinition[] Agents)> agents)
    {
        ArgumentNullException.ThrowIfNull(agents);
        var tenants = agents
            .Select(t => (Routes: RoutesOf(t.Tenant, t.Agents), Weight: t.Agents.Length))
            .Where(t => t.Routes.Length > 0)
            .ToArray();
        return new DemoWorkload(tenants);
    }

    /// <summary>A queue, tenants weighted by how many agents they have logged in.</summary>
    public DemoRoute PickRoute(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var ticket = random.Next(_totalWeight);
        foreach (var (routes, weight) in _tenants)
        {
            if (ticket < weight)
            {
                return routes[random.Next(routes.Length)];
            }
            ticket -= weight;
        }
        throw new InvalidOperationException("the workload is empty");
    }

    public static InteractionSpec NewSpec(DemoRoute route, Random random)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(random);
        SkillRequirement[] language = route.Languages.Length > 0 && random.NextDouble() < LanguageShare
            ? [new SkillRequirement(route.Languages[random.Next(route.Languages.Length)], LanguageLevel)]
            : [];
        return new InteractionSpec
        {
            QueueId = route.QueueId,
            Channel = route.Chat && random.NextDouble() < ChatShare ? Channel.Chat : Channel.Voice,
            Priority = random.Next(MaxPriority + 1),
            // 020 7946 0xxx: a London range set aside for drama, so never a real customer.
            CustomerNumber = $"+442079460{random.Next(1000):D3}",
            RequiredSkills = language,
        };
    }

    private static DemoRoute[] RoutesOf(TenantConfiguration tenant, AgentDefinition[] agents)
    {
        var routes = new List<DemoRoute>();
        foreach (var queue in tenant.Queues)
        {
            var eligible = agents
                .Where(a => a.Queues is null || a.Queues.Contains(queue.QueueId, StringComparer.Ordinal))
                .Where(a => new SkillSet(a.Skills).Satisfies(queue.RequiredSkills))
                .ToArray();
            if (eligible.Length == 0)
            {
                continue;
            }
            var required = queue.RequiredSkills.Select(r => r.Skill).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var languages = eligible
                .SelectMany(a => a.Skills)
                .Where(s => s.Skill.StartsWith("lang.", StringComparison.OrdinalIgnoreCase) && s.Level >= LanguageLevel)
                .Select(s => s.Skill.ToLowerInvariant())
                .Where(s => !required.Contains(s))
                .Distinct()
                .Order(StringComparer.Ordinal)
                .ToArray();
            routes.Add(new DemoRoute(tenant.TenantId, queue.QueueId, languages, eligible.Any(a => a.Capacity.Chat > 0)));
        }
        return [.. routes];
    }
}
