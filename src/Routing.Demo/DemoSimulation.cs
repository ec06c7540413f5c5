using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Routing.Abstractions;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Configuration;
using Routing.Abstractions.Interactions;
using Routing.Abstractions.Queues;
using Routing.Core;

namespace Routing.Demo;

/// <summary>
/// Simulated traffic for trying the server out (<c>--demo</c>): logs in the centre's agents as
/// <see cref="SimulatedAgent"/>s, sends customers as a Poisson process, and logs a summary every
/// few seconds. Does nothing unless <see cref="DemoOptions.Enabled"/>. The server starts it after
/// its silo and after applying the centre file, so the tenants are configured.
/// </summary>
/// <param name="grainFactory">The silo's grains: the demo runs inside the server and calls them directly.</param>
/// <param name="options">The demo's settings.</param>
/// <param name="loadCentre">The centre the server applied (its agents log in, its queues get customers).</param>
/// <param name="logger">Where the demo reports.</param>
public sealed class DemoSimulation(
    IGrainFactory grainFactory,
    DemoOptions options,
    Func<CentreConfiguration> loadCentre,
    ILogger<DemoSimulation> logger) : BackgroundService
{
    private static readonly TimeSpan SummaryInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LeaveTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Observers are not durable: the simulated apps subscribe again well within the agent
    /// grain's subscription lease.</summary>
    private static readonly TimeSpan RenewInterval = TimeSpan.FromMinutes(1);

    private readonly DemoCounters _counters = new();
    private readonly SimulationTally _tally = new();

    /// <summary>Strong references: an observer object only lives while something holds it.</summary>
    private readonly List<(IAgentGrain Grain, SimulatedAgentObserver Observer, IAgentObserver Reference)> _agents = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }
        var centre = loadCentre();
        var behaviour = options.Behaviour();
        var loggedIn = new List<(TenantConfiguration Tenant, AgentDefinition[] Agents)>();
        try
        {
            foreach (var tenant in centre.Tenants)
            {
                var agents = tenant.Agents.Take(options.Agents ?? int.MaxValue).ToArray();
                await Task.WhenAll(agents.Select(a => LogInAsync(tenant.TenantId, a.AgentId, behaviour, stoppingToken)));
                loggedIn.Add((tenant, agents));
                DemoLog.AgentsReady(logger, tenant.TenantId, agents.Length, string.Join(", ", agents.Select(a => a.AgentId)));
            }
            var workload = DemoWorkload.Create(loggedIn);
            if (workload.IsEmpty)
            {
                DemoLog.NothingToDo(logger);
                return;
            }
            DemoLog.Started(logger, _agents.Count, options.ArrivalsPerSecond, workload.Routes.Count());
            await Task.WhenAll(
                ArriveAsync(workload, stoppingToken),
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
            DemoLog.Stopped(logger, _counters.Created, _tally.Total(SimulationCount.Accepted), _tally.Total(SimulationCount.Completed), _counters.Abandoned);
        }
    }

    private async Task LogInAsync(string tenantId, string agentId, AgentBehaviour behaviour, CancellationToken stopping)
    {
        var commands = new GrainAgentCommands(grainFactory, tenantId, agentId);
        var observer = new SimulatedAgentObserver(new SimulatedAgent(agentId, commands, behaviour, _tally, logger, stopping));
        var reference = grainFactory.CreateObjectReference<IAgentObserver>(observer);
        lock (_agents)
        {
            _agents.Add((commands.Agent, observer, reference));
        }
        // Subscribe first so no offer is missed once ready.
        await commands.Agent.Subscribe(reference);
        await commands.Agent.SetReady();
    }

    /// <summary>Customers arrive with exponentially distributed gaps (a Poisson process). Arrival
    /// times are kept on one clock so delays' overshoot does not lower the rate.</summary>
    private async Task ArriveAsync(DemoWorkload workload, CancellationToken stopping)
    {
        var runId = Guid.NewGuid().ToString("N")[..6];
        var clock = Stopwatch.StartNew();
        var due = 0.0;
        for (var number = 1; !stopping.IsCancellationRequested; number++)
        {
            due += -Math.Log(1 - Random.Shared.NextDouble()) / options.ArrivalsPerSecond;
            var wait = TimeSpan.FromSeconds(due) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, stopping);
            }
            var route = workload.PickRoute(Random.Shared);
            var spec = DemoWorkload.NewSpec(route, Random.Shared);
            var id = $"demo-{runId}-{number:D6}";
            _ = Task.Run(() => CustomerAsync(route.TenantId, id, spec, stopping), CancellationToken.None);
        }
    }

    /// <summary>One customer: arrives, and if impatient hangs up when still waiting after a while.</summary>
    private async Task CustomerAsync(string tenantId, string interactionId, InteractionSpec spec, CancellationToken stopping)
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
        if (Random.Shared.NextDouble() >= options.HangupShare)
        {
            return;
        }
        var patience = options.Patience.Pick(Random.Shared);
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
            DemoLog.Summary(logger, _counters.Created, _tally.Total(SimulationCount.Accepted), _tally.Total(SimulationCount.Completed),
                _counters.Abandoned, _tally.Total(SimulationCount.Rejected), _tally.Total(SimulationCount.TimedOut),
                queues.Sum(q => q.Waiting.Length), queues.Sum(q => q.Offered.Count));
        }
    }

    private async Task RenewAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(RenewInterval);
        while (await timer.WaitForNextTickAsync(stopping))
        {
            foreach (var (grain, observer, reference) in Snapshot())
            {
                try
                {
                    await grain.Subscribe(reference);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    DemoLog.SubscriptionFailed(logger, observer.Agent.AgentId, e);
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
            await Task.WhenAll(agents.Select(a => a.Grain.Unsubscribe(a.Reference))).WaitAsync(LeaveTimeout);
        }
        catch (Exception)
        {
            // Leaving anyway: the subscriptions lapse with their lease.
        }
        foreach (var (_, _, reference) in agents)
        {
            grainFactory.DeleteObjectReference<IAgentObserver>(reference);
        }
    }

    private (IAgentGrain Grain, SimulatedAgentObserver Observer, IAgentObserver Reference)[] Snapshot()
    {
        lock (_agents)
        {
            return [.. _agents];
        }
    }
}
