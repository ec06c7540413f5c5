using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Routing.Persistence.AzureTables.Tests.Infrastructure;

/// <summary>Opens the provider directly (no silo) against the shared Azurite, with Orleans' binary
/// serializer as the host registers it, and reads raw entities to check the layout.</summary>
public sealed class StorageHarness(AzuriteFixture azurite)
{
    public const string ServiceId = "azure-tables-tests";
    public const string StateName = "state";

    private static readonly IServiceProvider Services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public AzuriteFixture Azurite { get; } = azurite;

    /// <summary>A fresh grain id per call, so tests never see each other's records.</summary>
    public static GrainId NewGrainId(string key = "queue") =>
        GrainId.Create("queue", $"tenant-{Guid.NewGuid():N}/{key}");

    public AzureTableGrainStorageOptions Options(Action<AzureTableGrainStorageOptions>? configure = null)
    {
        var options = new AzureTableGrainStorageOptions
        {
            ConnectionString = Azurite.ConnectionString,
            GrainStorageSerializer = new OrleansGrainStorageSerializer(Services.GetRequiredService<Serializer>()),
        };
        configure?.Invoke(options);
        return options;
    }

    public async Task<AzureTableGrainStorage> OpenAsync(Action<AzureTableGrainStorageOptions>? configure = null)
    {
        var storage = Create(Options(configure));
        await storage.InitAsync(TestContext.Current.CancellationToken);
        return storage;
    }

    public static AzureTableGrainStorage Create(AzureTableGrainStorageOptions options) =>
        new("test", options,
            Microsoft.Extensions.Options.Options.Create(new ClusterOptions { ServiceId = ServiceId, ClusterId = "test" }),
            Services.GetRequiredService<IActivatorProvider>(),
            NullLogger<AzureTableGrainStorage>.Instance);

    /// <summary>The raw entity as stored, or null.</summary>
    public async Task<TableEntity?> RawEntityAsync(GrainId grainId, string tableName = AzureTableGrainStorageOptions.DefaultTableName)
    {
        var table = new TableClient(Azurite.ConnectionString, tableName);
        var id = grainId.ToString();
        var response = await table.GetEntityIfExistsAsync<TableEntity>(
            TableKeys.PartitionKey(ServiceId, id), TableKeys.RowKey(StateName, id),
            cancellationToken: TestContext.Current.CancellationToken);
        return response.HasValue ? response.Value : null;
    }

    public static async Task<GrainState<BlobState>> ReadAsync(IGrainStorage storage, GrainId grainId)
    {
        var state = new GrainState<BlobState>(new BlobState());
        await storage.ReadStateAsync(StateName, grainId, state);
        return state;
    }

    public static async Task<GrainState<BlobState>> WriteAsync(IGrainStorage storage, GrainId grainId, BlobState value, string? etag = null)
    {
        var state = new GrainState<BlobState>(value) { ETag = etag };
        await storage.WriteStateAsync(StateName, grainId, state);
        return state;
    }
}
