using Microsoft.Extensions.Logging.Abstractions;
using Routing.Cluster.Tests.Infrastructure;
using Routing.History;
using Routing.History.Tests.Infrastructure;
using InteractionStatus = Routing.Contracts.V1.InteractionStatus;

namespace Routing.Cluster.Tests;

/// <summary>
/// kill -9 of one of three silo processes that share one PostgreSQL history store, under load: every interaction the
/// clients saw complete is in the store once, completed, with its whole timeline, including those whose last facts
/// were still in the killed silo's recorder queue (their recovery reminder wakes them on a live silo, which records
/// them again from their stored state).
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class HistoryCrashTests
{
    /// <summary>Long enough for the recovery reminders (one-minute period) of interactions finished on the dead silo.</summary>
    private static readonly TimeSpan StoreDeadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Killing_a_silo_loses_no_completed_interaction_from_the_history_store()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var postgres = await PostgresServer.StartAsync(ct);
        var connectionString = await postgres.CreateDatabaseAsync("routing_history", ct);
        await using var cluster = await ProcessCluster.StartAsync(silos: 3, salesAgents: 18, heldAgents: 0, ct,
            "--History:Enabled=true", "--History:Provider=PostgreSql", $"--History:ConnectionString={connectionString}");
        await using var scenario = await LoadScenario.StartAgentsAsync(cluster, ct);
        scenario.StartLoad(perSecond: 15);
        await Task.Delay(TimeSpan.FromSeconds(4), ct);

        await cluster.Silos[1].KillAsync();
        await Task.Delay(TimeSpan.FromSeconds(4), ct);
        await scenario.StopLoadAsync();
        var finals = await scenario.FinalStatesAsync(TimeSpan.FromSeconds(120));
        var completed = finals.Where(s => s.Status == InteractionStatus.Completed).ToList();
        Assert.Equal(finals.Count, completed.Count);

        await using var store = HistoryStoreFactory.Create(new HistoryOptions { Provider = nameof(HistoryProvider.PostgreSql), ConnectionString = connectionString }, NullLoggerFactory.Instance);
        var missing = await UntilStoredAsync(store, completed, ct);

        Assert.True(missing.Count == 0,
            $"{missing.Count} of {completed.Count} completed interactions are not (wholly) in the store: {string.Join(", ", missing.Take(10))}{Environment.NewLine}{cluster.Diagnostics()}");
        Figures.Record("kill -9, history", $"{completed.Count} completed interactions seen by the clients, all in the PostgreSQL history once with their {completed.Sum(s => s.Events.Count)} events, after a silo of three was killed");
    }

    /// <summary>Polls the store until every completed interaction is there, completed, with each of its events once;
    /// returns those still missing at the deadline.</summary>
    private static async Task<List<string>> UntilStoredAsync(IHistoryStore store, IReadOnlyList<Contracts.V1.InteractionSnapshot> completed, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + StoreDeadline;
        var missing = completed.ToList();
        while (true)
        {
            var still = new List<Contracts.V1.InteractionSnapshot>();
            foreach (var snapshot in missing)
            {
                var stored = await store.FindInteractionAsync(ProcessCluster.Tenant, snapshot.InteractionId, ct);
                var timeline = stored is null ? [] : await store.ReadTimelineAsync(ProcessCluster.Tenant, snapshot.InteractionId, ct);
                var whole = stored is { State: Core.InteractionStatus.Completed } && stored.Version == snapshot.Events.Count
                    && timeline.Select(e => e.Sequence).SequenceEqual(snapshot.Events.Select(e => e.Sequence));
                if (!whole)
                {
                    still.Add(snapshot);
                }
            }
            missing = still;
            if (missing.Count == 0 || DateTime.UtcNow > deadline)
            {
                return [.. missing.Select(s => s.InteractionId)];
            }
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }
}
