using System.Diagnostics;
using Microsoft.Extensions.Options;
using Routing.Abstractions;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Configuration;
using Routing.Abstractions.Interactions;
using Routing.Abstractions.Queues;
using Routing.Configuration;
using Routing.Core;
using Routing.Server.Centre;

namespace Routing.Server.Demo;

/// <summary>
/// Simulated traffic for trying the server out (<c>--demo</c>): logs in the centre file's agents as
/// <see cref="SimulatedAgent"/>s, sends customers as a Poisson process, and logs a summary every
/// few seconds. Does nothing unless <see cref="DemoOptions.Enabled"/>. Runs after
/// <see cref="CentreLoader"/>, so the tenants are configured.
/// </summary>
public sealed class DemoSimulation(
    IGrainFactory grainFactory,
    IOptions<RoutingServerOptions> options,
    ILogger<DemoSimulation> logger) : BackgroundService
{
    private static readonly TimeSpan SummaryInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LeaveTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Observers are not durable: the simulated apps subscribe again well within the agent
    /// grain's subscription lease.</summary>
    private static readonly TimeSpan RenewInterval = TimeSpan.FromMinutes(1);

    private readonly DemoCounters _counters = new();

    /// <summary>Strong references: an observer object only lives while something holds it.</summary>
    private readonly List<(SimulatedAgent Agent, IAgentObserver Reference)> _agents = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var demo = options.Value.Demo;
        if (!demo.Enabled)
        {
            return;
        }
        var centre = CentreConfigurationFile.Load(options.Value.CentreFilePath);
        var loggedIn = new List<(TenantConfiguration Tenant, AgentDefinition[] Agents)>();
        try
        {
            foreach (var tenant in centre.Tenants)
            {
                var agents = tenant.Agents.Take(demo.Agents ?? int.MaxValue).ToArray();
                await Task.WhenAll(agents.Select(a => LogInAsync(tenant.TenantId, a.AgentId, demo, stoppingToken)));
                loggedIn.Add((tenant, agents));
                DemoLog.AgentsReady(logger, tenant.TenantId, agents.Length, string.Join(", ", agents.Select(a => a.AgentId)));
            }
            var workload = DemoWorkload.Create(loggedIn);
            if (workload.IsEmpty)
            {
                DemoLog.NothingToDo(logger);
                return;
            }
            DemoLog.Started(logger, _agents.Count, demo.ArrivalsPerSecond, workload.Routes.Count());
            await Task.WhenAll(
                ArriveAsync(workload, demo, stoppingToken),
                ReportAsync(workload, stoppingToken),
                RenewAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            await LeaveAsync();
            DemoLog.Stopped(logger, _counters.Created, _counters.Connected, _counters.Completed, _counters.Abandoned);
        }
    }

    private async Task LogInAsync(string tenantId, string agentId, DemoOptions demo, CancellationToken stopping)
    {
        var agent = new SimulatedAgent(tenantId, agentId, grainFactory, demo, _counters, logger, stopping);
        var reference = grainFactory.CreateObjectReference<IAgentObserver>(agent);
        lock (_agents)
        {
            _agents.Add((agent, reference));
        }
        // Subscribe first so no offer is missed once ready.
        await agent.Grain.Subscribe(reference);
        await agent.Grain.SetReady();
    }

    /// <summary>Customers arrive with exponentially distributed gaps (a Poisson process). Arrival
    /// times are kept on one clock so delays' overshoot does not lower the rate.</summary>
    private async Task ArriveAsync(DemoWorkload workload, DemoOptions demo, CancellationToken stopping)
    {
        var runId = Guid.NewGuid().ToString("N")[..6];
        var clock = Stopwatch.StartNew();
        var due = 0.0;
        for (var number = 1; !stopping.IsCancellationRequested; number++)
        {
            due += -Math.Log(1 - Random.Shared.NextDouble()) / demo.ArrivalsPerSecond;
            var wait = TimeSpan.FromSeconds(due) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, stopping);
            }
            var route = workload.PickRoute(Random.Shared);
            var spec = DemoWorkload.NewSpec(route, Random.Shared);
            var id = $"demo-{runId}-{number:D6}";
            _ = Task.Run(() => CustomerAsync(route.TenantId, id, spec, demo, stopping), CancellationToken.None);
        }
    }

    /// <summary>One customer: arrives, and if impatient hangs up when still waiting after a while.</summary>
    private async Task CustomerAsync(string tenantId, string interactionId, InteractionSpec spec, DemoOptions demo, CancellationToken stopping)
    {
        var interaction = grainFactory.Interaction(tenantId, interactionId);
        var who = $"customer in {tenantId}/{spec.QueueId}";
        if (!await DemoCall.TryAsync(logger, who, "create", interactionId, () => interaction.Create(spec), stopping))
        {
            return;
        }
        _counters.OnCreated();
        if (logger.IsEnabled(LogLevel.Debug))
        {
            DemoLog.CustomerArrived(logger, interactionId, spec.Channel.ToString(), spec.Priority,
                string.Join(", ", spec.RequiredSkills.Select(s => $"{s.Skill}:{s.MinimumLevel}")), tenantId, spec.QueueId);
        }
        if (Random.Shared.NextDouble() >= demo.HangupShare)
        {
            return;
        }
        var patience = demo.Patience.Pick(Random.Shared);
        var status = InteractionStatus.None;
        if (!await DemoCall.TryAsync(logger, who, "wait for", interactionId, () => Task.Delay(patience, stopping), stopping)
            || !await DemoCall.TryAsync(logger, who, "look at", interactionId, async () => status = (await interaction.GetSnapshot()).Status, stopping)
            || status is not (InteractionStatus.Queued or InteractionStatus.Offered))
        {
            return;
        }
        if (await DemoCall.TryAsync(logger, who, "hang up", interactionId, async () => status = (await interaction.Hangup()).Status, stopping)
            && status == InteractionStatus.Abandoned)
        {
            _counters.OnAbandoned();
            DemoLog.CustomerHungUp(logger, interactionId, patience);
        }
    }

    private async Task ReportAsync(DemoWorkload workload, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(SummaryInterval);
        while (await timer.WaitForNextTickAsync(stopping))
        {
            QueueSnapshot[] queues;
            try
            {
                queues = await Task.WhenAll(workload.Routes.Select(r => grainFactory.Queue(r.TenantId, r.QueueId).GetSnapshot()));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                DemoLog.SummaryFailed(logger, e);
                continue;
            }
            DemoLog.Summary(logger, _counters.Created, _counters.Connected, _counters.Completed, _counters.Abandoned,
                _counters.Rejected, _counters.TimedOut, queues.Sum(q => q.Waiting.Length), queues.Sum(q => q.Offered.Count));
        }
    }

    private async Task RenewAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(RenewInterval);
        while (await timer.WaitForNextTickAsync(stopping))
        {
            foreach (var (agent, reference) in Snapshot())
            {
                try
                {
                    await agent.Grain.Subscribe(reference);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    DemoLog.SubscriptionFailed(logger, agent.AgentId, e);
                }
            }
        }
    }

    /// <summary>Unsubscribes the simulated apps (the silo is still up: hosted services stop in
    /// reverse order) and releases their observer references.</summary>
    private async Task LeaveAsync()
    {
        var agents = Snapshot();
        try
        {
            await Task.WhenAll(agents.Select(a => a.Agent.Grain.Unsubscribe(a.Reference))).WaitAsync(LeaveTimeout);
        }
        catch (Exception)
        {
            // Leaving anyway: the subscriptions lapse with their lease.
        }
        foreach (var (_, reference) in agents)
        {
            grainFactory.DeleteObjectReference<IAgentObserver>(reference);
        }
    }

    private (SimulatedAgent Agent, IAgentObserver Reference)[] Snapshot()
    {
        lock (_agents)
        {
            return [.. _agents];
        }
    }
}
