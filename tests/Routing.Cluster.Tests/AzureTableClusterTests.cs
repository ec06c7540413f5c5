using Azure.Data.Tables;
using Google.Protobuf.WellKnownTypes;
using Routing.Cluster.Tests.Infrastructure;
using Routing.Contracts.V1;

namespace Routing.Cluster.Tests;

/// <summary>
/// The server on Orleans' Azure Table providers (Azurite): grain state, reminders and membership. Waiting calls
/// survive kill -9 of the only silo; kill -9 of one of three silos under load loses nothing; and a full restart
/// keeps agents' state, a scheduled callback's reminder, and two tenants whose keys Orleans' own key sanitising
/// would confuse apart.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class AzureTableClusterTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan CallbackDelay = TimeSpan.FromSeconds(50);

    [Fact]
    public async Task Waiting_calls_survive_a_killed_silo_in_Azure_table_storage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await ProcessCluster.StartOnAzureTablesAsync(new AzureTables(azurite.ConnectionString, Clustering: false), silos: 1, salesAgents: 0, heldAgents: 1, ct);
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

    [Fact]
    public async Task Killing_one_of_three_silos_on_Azure_table_clustering_and_storage_loses_no_call()
    {
        var ct = TestContext.Current.CancellationToken;
        var tables = new AzureTables(azurite.ConnectionString, Clustering: true);
        await using var cluster = await ProcessCluster.StartOnAzureTablesAsync(tables, KillUnderLoad.Silos, KillUnderLoad.SalesAgents, KillUnderLoad.HeldAgents, ct);
        // The three silos found each other through the membership table.
        Assert.Equal(KillUnderLoad.Silos, (await RowsAsync(tables.Silos, ct)).Count(r => r.GetString("Status") == "Active"));

        await KillUnderLoad.RunAsync(cluster, "kill -9 (Azure Table)", ct);
    }

    [Fact]
    public async Task A_full_restart_on_Azure_table_storage_keeps_agents_tenants_and_a_scheduled_callbacks_reminder()
    {
        var ct = TestContext.Current.CancellationToken;
        var tables = new AzureTables(azurite.ConnectionString, Clustering: false);
        await using var cluster = await ProcessCluster.StartOnAzureTablesAsync(tables, silos: 1, salesAgents: 0, heldAgents: 1, ct);
        var agentId = cluster.HeldAgents[0];
        var ledger = new Ledger();
        DateTimeOffset due;
        using (var acme = cluster.Client(ProcessCluster.Token("gateway")))
        using (var neighbour = cluster.Client(ProcessCluster.Token("gateway", tenant: ProcessCluster.NeighbourTenant)))
        using (var agentClient = cluster.Client(token: null))
        {
            // The agent handles one call: its count of the day is in its grain state.
            await using (await TestAgent.StartAsync(agentId, agentClient, ledger, ready: true, ct))
            {
                Assert.True(await new Gateway(acme, ledger).CreateAsync("held", ct));
                Assert.All(await new Gateway(acme, ledger).FinalStatesAsync(acme, TimeSpan.FromSeconds(60)), s => Assert.Equal(InteractionStatus.Completed, s.Status));
            }
            // acme's "east_held-1" and acme_east's "held-1": one key once '/' becomes '_'.
            await acme.Interactions.CreateAsync(new CreateInteractionRequest { InteractionId = "east_held-1", QueueId = "sales", Channel = Channel.Voice }, ct);
            await neighbour.Interactions.CreateAsync(new CreateInteractionRequest { InteractionId = "held-1", QueueId = "held", Channel = Channel.Chat }, ct);
            due = DateTimeOffset.UtcNow.Add(CallbackDelay);
            var scheduled = await acme.Interactions.CreateAsync(new CreateInteractionRequest
            {
                InteractionId = "callback-1",
                QueueId = "held",
                Channel = Channel.Callback,
                CustomerNumber = "+447700900123",
                ScheduledFor = Timestamp.FromDateTimeOffset(due),
            }, ct);
            Assert.Equal(InteractionStatus.Scheduled, scheduled.Status);
        }

        // Every process stops (gracefully); new ones start on the same tables, before the callback is due.
        Assert.Equal(0, await cluster.Silos[0].TerminateAsync(TimeSpan.FromSeconds(30)));
        await cluster.AddSiloAsync(ct);
        var restarted = DateTimeOffset.UtcNow;

        using var client = cluster.Client(ProcessCluster.Token("gateway"));
        using var neighbourClient = cluster.Client(ProcessCluster.Token("gateway", tenant: ProcessCluster.NeighbourTenant));
        var ours = await client.Interactions.GetAsync("east_held-1", ct);
        var theirs = await neighbourClient.Interactions.GetAsync("held-1", ct);
        Assert.Equal((InteractionStatus.Queued, "sales", Channel.Voice), (ours.Status, ours.QueueId, ours.Channel));
        Assert.Equal((InteractionStatus.Queued, "held", Channel.Chat), (theirs.Status, theirs.QueueId, theirs.Channel));
        Assert.Equal(InteractionStatus.Scheduled, (await client.Interactions.GetAsync("callback-1", ct)).Status);

        // Nothing but its reminder (kept in Azure Table storage) brings the callback into the line.
        using var agentClientAfter = cluster.Client(token: null);
        await using var agent = await TestAgent.StartAsync(agentId, agentClientAfter, ledger, ready: true, ct);
        var callbackLedger = new Ledger();
        callbackLedger.Created("callback-1");
        var callback = Assert.Single(await new Gateway(client, callbackLedger).FinalStatesAsync(client, CallbackDelay + TimeSpan.FromMinutes(3)));
        Assert.True(callback.Status == InteractionStatus.Completed, $"the scheduled callback is {callback.Status} (due {due:HH:mm:ss}, silo restarted at {restarted:HH:mm:ss})");
        Assert.Equal(agentId, callback.AgentId);
        Assert.True(callback.Events.First(e => e.Kind == InteractionEventKind.Connected).At.ToDateTimeOffset() >= due, "the callback was routed before its time");

        // The agent's count of the day went on from the stored one: 1 before the restart, the callback after.
        using var supervisor = cluster.Client(ProcessCluster.Token("supervisor"));
        await foreach (var state in supervisor.Supervisor.WatchAgentsAsync([agentId], ct))
        {
            Assert.Equal(2, state.InteractionsToday);
            break;
        }

        // Orleans' binary serializer wrote the state ("Data" properties, no JSON "StringData").
        var rows = await RowsAsync(tables.Grains, ct);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.True(r.GetBinary("Data") is { Length: > 0 } && !r.ContainsKey("StringData"), $"row {r.PartitionKey}/{r.RowKey} is not binary state"));
    }

    private async Task<List<TableEntity>> RowsAsync(string table, CancellationToken ct)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in new TableClient(azurite.ConnectionString, table).QueryAsync<TableEntity>(cancellationToken: ct))
        {
            rows.Add(row);
        }
        return rows;
    }
}
