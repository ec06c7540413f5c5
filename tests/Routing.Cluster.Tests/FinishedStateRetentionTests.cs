using Grpc.Core;
using Routing.Cluster.Tests.Infrastructure;
using StackExchange.Redis;
using Routing.Contracts.V1;

namespace Routing.Cluster.Tests;

/// <summary>
/// With grain state in Redis, a finished interaction's state is deleted once its retention has passed (here 70 s, longer
/// than the reminder's one-minute period, so the first tick must wait for it), not before; so the store holds the
/// interactions in flight and the recent ones, not every one ever made. An interaction still waiting keeps its state.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class FinishedStateRetentionTests
{
    private static readonly TimeSpan Retention = TimeSpan.FromSeconds(70);

    /// <summary>The retention, and a reminder period (one minute) for a late tick.</summary>
    private static readonly TimeSpan DeletionDeadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_finished_interaction_leaves_the_grain_store_after_its_retention_and_a_waiting_one_stays()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await ProcessCluster.StartAsync(silos: 1, salesAgents: 2, heldAgents: 0, ct,
            $"--Routing:Grains:FinishedStateRetention={Retention}");
        await using var scenario = await LoadScenario.StartAgentsAsync(cluster, ct);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await scenario.Gateway.CreateAsync("sales", ct));
        }
        var finals = await scenario.FinalStatesAsync(TimeSpan.FromSeconds(60));
        Assert.All(finals, s => Assert.Equal(InteractionStatus.Completed, s.Status));
        var completed = finals.Select(s => s.InteractionId).ToList();
        using var reader = cluster.Client(ProcessCluster.Token("gateway"));
        // "held" has no agents: this one waits throughout.
        const string waiting = "held-waiting";
        await reader.Interactions.CreateAsync(new CreateInteractionRequest { InteractionId = waiting, QueueId = "held", Channel = Channel.Voice }, ct);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Redis.ConnectionString);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        Assert.All([.. completed, waiting], id => Assert.NotEmpty(KeysOf(server, id)));

        var deadline = DateTime.UtcNow + DeletionDeadline;
        var kept = completed;
        var deletedBy = new Dictionary<string, DateTimeOffset>();
        while (kept.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            foreach (var id in kept.Where(id => KeysOf(server, id).Count == 0))
            {
                deletedBy[id] = DateTimeOffset.UtcNow;
            }
            kept = [.. kept.Where(id => !deletedBy.ContainsKey(id))];
        }

        Assert.True(kept.Count == 0, $"still stored after {DeletionDeadline}: {string.Join(", ", kept)}{Environment.NewLine}{cluster.Diagnostics()}");
        foreach (var final in finals)
        {
            var finishedAt = final.Events[^1].At.ToDateTimeOffset();
            Assert.True(deletedBy[final.InteractionId] >= finishedAt + Retention,
                $"{final.InteractionId} finished at {finishedAt:O} and was gone by {deletedBy[final.InteractionId]:O}, before its retention of {Retention}");
        }
        foreach (var id in completed)
        {
            var unknown = await Assert.ThrowsAsync<RpcException>(() => reader.Interactions.GetAsync(id, ct));
            Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        }
        Assert.NotEmpty(KeysOf(server, waiting));
        Assert.Equal(InteractionStatus.Queued, (await reader.Interactions.GetAsync(waiting, ct)).Status);
    }

    private static List<RedisKey> KeysOf(IServer server, string interactionId) => [.. server.Keys(pattern: $"*{interactionId}*")];
}
