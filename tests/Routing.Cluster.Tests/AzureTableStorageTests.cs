using Routing.Cluster.Tests.Infrastructure;
using Routing.Contracts.V1;
using Routing.Persistence.AzureTables.Tests.Infrastructure;

namespace Routing.Cluster.Tests;

/// <summary>The server keeping grain state in Azure Table storage (Azurite): waiting calls survive kill -9
/// of the only silo and are routed, in their original order, by the silo that replaces it.</summary>
[Collection(ProcessCollection.Name)]
public sealed class AzureTableStorageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Waiting_calls_survive_a_killed_silo_in_Azure_table_storage()
    {
        var ct = TestContext.Current.CancellationToken;
        var table = $"Routing{Guid.NewGuid():N}"[..30];
        await using var cluster = await ProcessCluster.StartWithAzureTableAsync(azurite.ConnectionString, table, heldAgents: 1, ct);
        var ledger = new Ledger();
        string[] created;
        using (var gatewayClient = cluster.Client(ProcessCluster.Token("gateway")))
        {
            var gateway = new Gateway(gatewayClient, ledger);
            for (var i = 0; i < 3; i++)
            {
                Assert.True(await gateway.CreateAsync("held", ct));
            }
            created = [.. ledger.Acknowledged.Order(StringComparer.Ordinal)];
        }

        await cluster.Silos[0].KillAsync();
        await cluster.AddSiloAsync(ct);

        using var client = cluster.Client(ProcessCluster.Token("gateway"));
        foreach (var id in created)
        {
            Assert.Equal(InteractionStatus.Queued, (await client.Interactions.GetAsync(id, ct)).Status);
        }
        using var agentClient = cluster.Client(token: null);
        await using var agent = await TestAgent.StartAsync(cluster.HeldAgents[0], agentClient, ledger, ready: true, ct);
        var finals = await new Gateway(client, ledger).FinalStatesAsync(client, TimeSpan.FromSeconds(60));
        Assert.All(finals, s => Assert.Equal(InteractionStatus.Completed, s.Status));
        // One agent took them one by one: in the order they arrived before the crash.
        var connectedAt = finals.ToDictionary(s => s.InteractionId, s => s.Events.First(e => e.Kind == InteractionEventKind.Connected).At.ToDateTimeOffset());
        Assert.Equal(created, connectedAt.OrderBy(c => c.Value).Select(c => c.Key));
    }
}
