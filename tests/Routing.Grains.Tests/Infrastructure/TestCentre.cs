using Routing.Abstractions;
using Routing.Abstractions.Configuration;
using Routing.Abstractions.Interactions;
using Routing.Abstractions.Protocol;
using Routing.Core;

namespace Routing.Grains.Tests.Infrastructure;

/// <summary>A tenant of its own for one test, with helpers to configure it and act as its agents' apps
/// and its gateway.</summary>
public sealed class TestCentre(IClusterClient client)
{
    private readonly List<object> _keepAlive = [];
    private int _interactions;

    public string TenantId { get; } = "t" + Guid.NewGuid().ToString("N")[..12];

    public IClusterClient Client => client;

    public InteractionProbe Gateway { get; } = new();

    /// <summary>A queue whose timers are long enough never to fire in a test unless the test shortens them.</summary>
    public static QueueDefinition Queue(string queueId, params SkillRequirement[] skills) => new()
    {
        QueueId = queueId,
        RequiredSkills = skills,
        OfferTimeout = TimeSpan.FromMinutes(5),
        ReofferDelay = TimeSpan.FromMinutes(5),
        WrapUpTime = TimeSpan.FromMinutes(5),
    };

    public static AgentDefinition Agent(string agentId, params SkillLevel[] skills) => new() { AgentId = agentId, Skills = skills };

    public static SkillRequirement Needs(string skill, int level = 1) => new(skill, level);

    public static SkillLevel Has(string skill, int level = 3) => new(skill, level);

    public Task Apply(QueueDefinition[] queues, AgentDefinition[] agents, Func<TenantConfiguration, TenantConfiguration>? adjust = null)
    {
        var configuration = new TenantConfiguration { TenantId = TenantId, Queues = queues, Agents = agents };
        return client.Tenant(TenantId).Apply(adjust?.Invoke(configuration) ?? configuration);
    }

    /// <summary>Queues "sales" (agents ann and bob) and "support" (agent sam), for transfers between them.</summary>
    public Task ApplySalesAndSupport(Func<QueueDefinition, QueueDefinition>? adjustSupport = null, Func<QueueDefinition, QueueDefinition>? adjustSales = null)
    {
        var sales = Queue("sales", Needs("sales"));
        var support = Queue("support", Needs("support"));
        return Apply(
            [adjustSales?.Invoke(sales) ?? sales, adjustSupport?.Invoke(support) ?? support],
            [Agent("ann", Has("sales")), Agent("bob", Has("sales")), Agent("sam", Has("support"))]);
    }

    /// <summary><see cref="ApplySalesAndSupport"/>, then ann (ready, with a session) connected to a new sales call.</summary>
    public async Task<(AgentProbe Ann, string Call)> AnnOnSalesCall(Func<QueueDefinition, QueueDefinition>? adjustSupport = null, Func<QueueDefinition, QueueDefinition>? adjustSales = null)
    {
        await ApplySalesAndSupport(adjustSupport, adjustSales);
        var ann = await ReadyApp("ann");
        return (ann, await ConnectedCall("sales", ann, "ann"));
    }

    public IAgentGrain AgentGrain(string agentId) => client.Agent(TenantId, agentId);

    public IQueueGrain QueueGrain(string queueId) => client.Queue(TenantId, queueId);

    public IInteractionGrain InteractionGrain(string interactionId) => client.Interaction(TenantId, interactionId);

    /// <summary>The queue as other grains call it, for tests that play a grain's part in the protocol.</summary>
    public IQueueRouting QueueRouting(string queueId) => client.QueueRouting(TenantId, queueId);

    /// <summary>The interaction as other grains call it, for tests that play a grain's part in the protocol.</summary>
    public IInteractionRouting InteractionRouting(string interactionId) => client.InteractionRouting(TenantId, interactionId);

    /// <summary>Subscribes a probe standing in for the agent's app.</summary>
    public async Task<AgentProbe> Watch(string agentId)
    {
        var probe = new AgentProbe();
        var reference = client.CreateObjectReference<Abstractions.Agents.IAgentObserver>(probe);
        _keepAlive.Add(probe);
        await AgentGrain(agentId).Subscribe(reference);
        return probe;
    }

    /// <summary>Watches the agent and makes it available.</summary>
    public async Task<AgentProbe> Ready(string agentId)
    {
        var probe = await Watch(agentId);
        await AgentGrain(agentId).SetReady();
        return probe;
    }

    /// <summary>Attaches a probe as the agent app's session (so it hears transfer notices too) and makes the
    /// agent available.</summary>
    public async Task<AgentProbe> ReadyApp(string agentId)
    {
        var probe = new AgentProbe();
        var reference = client.CreateObjectReference<Abstractions.Agents.IAgentSessionObserver>(probe);
        _keepAlive.Add(probe);
        await AgentGrain(agentId).AttachSession($"s-{agentId}", TimeSpan.FromMinutes(1), reference);
        await AgentGrain(agentId).SetReady();
        return probe;
    }

    /// <summary>Creates an interaction watched by <see cref="Gateway"/>; returns its id.</summary>
    public async Task<string> Call(string queueId, int priority = 0, Channel channel = Channel.Voice, params SkillRequirement[] skills)
    {
        var interactionId = $"i{Interlocked.Increment(ref _interactions)}-{Guid.NewGuid():N}"[..24];
        await WatchInteraction(interactionId);
        await InteractionGrain(interactionId).Create(new InteractionSpec
        {
            QueueId = queueId,
            Priority = priority,
            Channel = channel,
            RequiredSkills = skills,
            CustomerNumber = "+441234567890",
        });
        return interactionId;
    }

    /// <summary>Creates an interaction from customer <paramref name="customerId"/>, watched by <see cref="Gateway"/>.</summary>
    public async Task<string> CustomerCall(string queueId, string customerId)
    {
        var interactionId = $"i{Interlocked.Increment(ref _interactions)}-{Guid.NewGuid():N}"[..24];
        await WatchInteraction(interactionId);
        await InteractionGrain(interactionId).Create(new InteractionSpec { QueueId = queueId, CustomerId = customerId });
        return interactionId;
    }

    /// <summary>Awaits the next offer to <paramref name="agent"/> and checks it is of <paramref name="interactionId"/> and came
    /// no sooner than <paramref name="wait"/> after the interaction arrived (e.g. an escalation step's time).</summary>
    public async Task OfferedOnlyAfter(AgentProbe agent, string interactionId, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var offer = await agent.NextOffer();
        var offeredAt = DateTimeOffset.UtcNow;
        var arrival = (await InteractionGrain(interactionId).GetSnapshot()).Arrival;
        Assert.Equal(interactionId, offer.InteractionId);
        Assert.True(offeredAt - arrival >= wait, $"offered {(offeredAt - arrival).TotalMilliseconds} ms after arrival, sooner than {wait.TotalMilliseconds} ms");
    }

    /// <summary>A call in <paramref name="queueId"/> offered to and accepted by <paramref name="agentId"/>.</summary>
    public async Task<string> ConnectedCall(string queueId, AgentProbe agent, string agentId)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var call = await Call(queueId);
        Assert.Equal(call, (await agent.NextOffer()).InteractionId);
        await InteractionGrain(call).Accept(agentId);
        return call;
    }

    public async Task WatchInteraction(string interactionId)
    {
        var reference = client.CreateObjectReference<IInteractionObserver>(Gateway);
        _keepAlive.Add(reference);
        await InteractionGrain(interactionId).Subscribe(reference);
    }
}
