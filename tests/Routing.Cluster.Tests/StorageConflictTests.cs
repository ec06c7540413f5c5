using Routing.Client.Agents;
using Routing.Cluster.Tests.Infrastructure;
using Routing.Contracts.V1;
using StackExchange.Redis;

namespace Routing.Cluster.Tests;

/// <summary>
/// A write whose answer is lost with the store (Redis killed between doing it and answering) still went through, so the
/// grain's next write meets a newer version than the one it holds: a conflict. Here the stored version changes behind the
/// interaction's back, as such a write changes it, so the conflict comes every time rather than at one kill in many.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class StorageConflictTests
{
    [Fact]
    public async Task An_agent_command_that_meets_a_storage_conflict_is_carried_out_by_the_grains_next_activation()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await ProcessCluster.StartAsync(silos: 1, salesAgents: 1, heldAgents: 0, ct);
        var agentId = cluster.SalesAgents[0];
        using var agentClient = cluster.Client(ProcessCluster.Token("agent", agentId));
        await using var session = await agentClient.OpenAgentSessionAsync(agentId, cancellationToken: ct);
        await session.SetReadyAsync(ct);
        using var gateway = cluster.Client(ProcessCluster.Token("gateway"));
        const string interactionId = "conflict-1";
        await gateway.Interactions.CreateAsync(new CreateInteractionRequest { InteractionId = interactionId, QueueId = "sales", Channel = Channel.Voice }, ct);
        await foreach (var e in session.Events.ReadAllAsync(ct))
        {
            if (e is OfferReceived offer && offer.Offer.InteractionId == interactionId)
            {
                break;
            }
        }
        await session.AcceptAsync(interactionId, ct);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Redis.ConnectionString);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var key = Assert.Single(server.Keys(pattern: $"*/interaction/{ProcessCluster.Tenant}/{interactionId}/interaction"));
        Assert.True(await redis.GetDatabase().HashExistsAsync(key, "etag"));
        await redis.GetDatabase().HashSetAsync(key, "etag", "written-by-a-lost-answer");

        await session.EndAsync(interactionId, ct);
        await session.CompleteAsync(interactionId, "done", cancellationToken: ct);

        Assert.Equal(InteractionStatus.Completed, (await gateway.Interactions.GetAsync(interactionId, ct)).Status);
    }
}
