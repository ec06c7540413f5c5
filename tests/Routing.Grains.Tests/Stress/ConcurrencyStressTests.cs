using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Routing.Abstractions;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.Demo;
using Routing.Grains.Tests.Infrastructure;

namespace Routing.Grains.Tests.Stress;

/// <summary>
/// The invariants, proven under concurrent load on three silos: no interaction offered to two agents
/// at once, no agent over capacity, every interaction ends in exactly one final state, no grain call
/// times out (no deadlock), and every agent's recorded history is consistent.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Stress")]
public sealed class ConcurrencyStressTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private const int Queues = 20;
    private const int Agents = 500;
    private const int Interactions = 5_000;
    private const double HangupShare = 0.10;
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(4);

    /// <summary>Apps driven by dice, quicker than people: they reject 10% of offers and let 8% ring out
    /// (each a re-offer, the ring-outs a no-answer too), talk briefly, and either complete straight from
    /// the call or end it and leave the queue's short wrap-up time to run out.</summary>
    private static readonly AgentBehaviour Behaviour = new()
    {
        AnswerDelay = new DurationRange(TimeSpan.FromMilliseconds(1.25), TimeSpan.FromMilliseconds(15)),
        AcceptShare = 0.82,
        RejectShare = 0.10,
        TalkTime = new DurationRange(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(60)),
        CompleteOnCallShare = 0.5,
        WrapUp = null,
        BackFromNoAnswer = TimeSpan.FromMilliseconds(20),
    };

    /// <summary>Where the run's figures go (test output is shown only for failures).</summary>
    public static readonly string FiguresFile = Path.Combine(AppContext.BaseDirectory, "stress-figures.txt");

    [Fact]
    public async Task FiveThousandInteractions_FiveHundredAgents_ThreeSilos_AllInvariantsHold()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var centre = new TestCentre(fixture.Client);
        var client = fixture.Client;
        var errorsBefore = SiloErrorLog.Instance.Errors.Count;
        var configuration = StressCentre.Build(centre.TenantId, Queues, Agents, random);
        await client.Tenant(centre.TenantId).Apply(configuration);
        Assert.Equal(Queues, configuration.Queues.Length);
        Assert.True(configuration.Agents.Average(a => global::Routing.Grains.Tenants.TenantConfigurationRules.QueuesByAgent(configuration)[a.AgentId].Length) > 2,
            "agents should overlap several queues");

        var run = new StressRun();
        var tally = new SimulationTally();
        // Held to the end of the run (the drain below): an observer object lives only while something holds it.
        var apps = configuration.Agents.Select(a => new SimulatedAgentObserver(new SimulatedAgent(a.AgentId,
            new GrainAgentCommands(client, centre.TenantId, a.AgentId), Behaviour, tally, NullLogger.Instance, CancellationToken.None, random.Next()))).ToList();
        await Parallel.ForEachAsync(apps, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (app, _) =>
        {
            await centre.AgentGrain(app.Agent.AgentId).Subscribe(client.CreateObjectReference<IAgentObserver>(app));
            await centre.AgentGrain(app.Agent.AgentId).SetReady();
        });

        var clock = Stopwatch.StartNew();
        var queueIds = configuration.Queues.Select(q => q.QueueId).ToArray();
        var ids = Enumerable.Range(0, Interactions).Select(i => $"s{i:D5}").ToArray();
        var plans = ids.ToDictionary(id => id, _ => (
            Queue: queueIds[random.Next(queueIds.Length)],
            Channel: random.NextDouble() < 0.75 ? Channel.Voice : random.NextDouble() < 0.6 ? Channel.Chat : Channel.Email,
            Priority: random.Next(0, 3),
            HangupAfter: random.NextDouble() < HangupShare ? TimeSpan.FromMilliseconds(random.Next(0, 1_500)) : (TimeSpan?)null));
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (id, _) =>
        {
            var plan = plans[id];
            await centre.WatchInteraction(id);
            await centre.InteractionGrain(id).Create(new InteractionSpec { QueueId = plan.Queue, Channel = plan.Channel, Priority = plan.Priority });
            if (plan.HangupAfter is { } after)
            {
                run.Track(HangUpLater(centre.InteractionGrain(id), after));
            }
        });
        var created = clock.Elapsed;
        output.WriteLine($"{Interactions} interactions created in {created.TotalSeconds:F1} s");

        using (var limit = new CancellationTokenSource(RunLimit))
        {
            try
            {
                await Task.WhenAll(ids.Select(id => centre.Gateway.WaitForFinal(id, RunLimit)));
            }
            catch (TimeoutException)
            {
                var stuck = await Task.WhenAll(ids.Select(id => centre.InteractionGrain(id).GetSnapshot()));
                var notFinal = stuck.Where(s => !s.Status.IsFinal()).ToList();
                Assert.Fail($"{notFinal.Count} interactions not final after {RunLimit}: " +
                    string.Join(", ", notFinal.Take(10).Select(s => $"{s.InteractionId} {s.Status} {s.AgentId}")));
            }
        }
        output.WriteLine($"all final after {clock.Elapsed.TotalSeconds:F1} s ({Interactions / clock.Elapsed.TotalSeconds:F0} interactions/s)");
        await run.DrainAsync();
        await Task.WhenAll(apps.Select(a => a.Agent.DrainAsync()));

        var interactions = await Task.WhenAll(ids.Select(id => centre.InteractionGrain(id).GetSnapshot()));
        var agents = await Task.WhenAll(configuration.Agents.Select(a => centre.AgentGrain(a.AgentId).GetSnapshot()));
        var histories = await Task.WhenAll(configuration.Agents.Select(a => centre.AgentGrain(a.AgentId).GetHistory()));

        var violations = new List<string>();
        violations.AddRange(tally.Failures.Select(f => $"simulated app call failed: {f}"));
        violations.AddRange(run.Errors.Select(e => $"simulated customer call failed: {e.GetType().Name}: {e.Message}"));
        violations.AddRange(SiloErrorLog.Instance.Errors.Skip(errorsBefore).Select(e => $"silo logged: {e}"));
        violations.AddRange(interactions.SelectMany(InvariantChecks.ExactlyOneFinalState));
        violations.AddRange(interactions.SelectMany(InvariantChecks.NeverOfferedTwiceAtOnce));
        var holdsByAgent = interactions.SelectMany(InvariantChecks.Holds).ToLookup(h => h.AgentId);
        foreach (var agent in agents)
        {
            violations.AddRange(InvariantChecks.CapacityNeverExceeded(
                agent.AgentId, agent.Capacity, holdsByAgent[agent.AgentId].Select(h => (h.Channel, h.From, h.To, h.InteractionId))));
            violations.AddRange(Enum.GetValues<Channel>()
                .Where(c => agent.PeakLoad[c] > agent.Capacity[c])
                .Select(c => $"agent {agent.AgentId} peaked at {agent.PeakLoad[c]} {c} over capacity {agent.Capacity[c]}"));
        }
        violations.AddRange(agents.Zip(histories).SelectMany(p => InvariantChecks.HistoryIsConsistent(p.First, p.Second)));

        var completed = interactions.Count(i => i.Status == InteractionStatus.Completed);
        var abandoned = interactions.Count(i => i.Status == InteractionStatus.Abandoned);
        var offers = interactions.Sum(i => i.OfferAttempts);
        output.WriteLine($"completed {completed}, abandoned {abandoned}, offers {offers}, refused in races {tally.Total(SimulationCount.Refused)}, " +
            $"rejected {interactions.Sum(i => i.Events.Count(e => e.Kind == InteractionEventKind.OfferRejected))}, " +
            $"timed out {interactions.Sum(i => i.Events.Count(e => e.Kind == InteractionEventKind.OfferTimedOut))}, " +
            $"agents that took work {agents.Count(a => a.InteractionsToday > 0)}, peak concurrent chats {agents.Max(a => a.PeakLoad.Chat)}");
        await File.WriteAllTextAsync(FiguresFile, $"{DateTimeOffset.UtcNow:u} {Environment.ProcessorCount} cores: {Interactions} interactions, {Agents} agents, {Queues} queues, {ClusterFixture.Silos} silos; " +
            $"created in {created.TotalSeconds:F1} s, all final in {clock.Elapsed.TotalSeconds:F1} s ({Interactions / clock.Elapsed.TotalSeconds:F0}/s); " +
            $"completed {completed}, abandoned {abandoned}, offers {offers}, violations {violations.Count}\n", TestContext.Current.CancellationToken);
        Assert.True(violations.Count == 0, $"{violations.Count} violations:\n" + string.Join("\n", violations.Take(40)));
        Assert.Equal(Interactions, completed + abandoned);
        Assert.True(completed > Interactions * 0.5, $"only {completed} completed");
        Assert.True(offers > Interactions, "the run should include re-offers after rejects and timeouts");
    }

    private static async Task HangUpLater(IInteractionGrain interaction, TimeSpan after)
    {
        await Task.Delay(after);
        await interaction.Hangup();
    }
}
