using Azure.Data.Tables;
using Orleans.TestingHost;
using Routing.Persistence.AzureTables.Tests.Infrastructure;

namespace Routing.Persistence.AzureTables.Tests;

public sealed class SiloPersistenceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task GrainState_SurvivesDeactivation_ReadBackOnReactivation()
    {
        var table = $"silo{Guid.NewGuid():N}"[..20];
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddAzureTableGrainStorage(NoteGrain.StorageName, o =>
        {
            o.ConnectionString = azurite.ConnectionString;
            o.TableName = table;
        }));
        await using var cluster = builder.Build();
        await cluster.DeployAsync(TestContext.Current.CancellationToken);

        var key = $"tenant-{Guid.NewGuid():N}/queue#1";
        var grain = cluster.Client.GetGrain<INoteGrain>(key);
        var before = await grain.Get();
        Assert.False(before.RecordExists);

        await grain.Set("hello from the first activation");
        await grain.Deactivate();

        var after = await grain.Get();
        Assert.NotEqual(before.ActivationId, after.ActivationId);
        Assert.True(after.RecordExists);
        Assert.Equal("hello from the first activation", after.Text);

        // The state really is in the table named in the options, one entity for this grain.
        var entities = new TableClient(azurite.ConnectionString, table)
            .QueryAsync<TableEntity>(cancellationToken: TestContext.Current.CancellationToken);
        var rows = new List<TableEntity>();
        await foreach (var entity in entities)
        {
            rows.Add(entity);
        }
        var row = Assert.Single(rows);
        Assert.Equal("note", row.RowKey);
        Assert.EndsWith(TableKeys.Escape(key), row.PartitionKey, StringComparison.Ordinal);

        await cluster.StopAllSilosAsync(TestContext.Current.CancellationToken);
    }
}
