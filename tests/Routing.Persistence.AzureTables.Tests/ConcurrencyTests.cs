using Orleans.Storage;
using Routing.Persistence.AzureTables.Tests.Infrastructure;

namespace Routing.Persistence.AzureTables.Tests;

public sealed class ConcurrencyTests(AzuriteFixture azurite)
{
    private readonly StorageHarness _harness = new(azurite);

    [Fact]
    public async Task FirstWrite_RecordAlreadyExists_ThrowsInconsistentStateAndKeepsRecord()
    {
        var storage = await _harness.OpenAsync();
        var grainId = StorageHarness.NewGrainId();
        var first = await StorageHarness.WriteAsync(storage, grainId, BlobState.Of("first", 10));

        var ex = await Assert.ThrowsAsync<InconsistentStateException>(
            () => StorageHarness.WriteAsync(storage, grainId, BlobState.Of("second", 10)));

        Assert.Equal(first.ETag, ex.StoredEtag);
        Assert.Null(ex.CurrentEtag);
        Assert.Contains(grainId.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Equal("first", (await StorageHarness.ReadAsync(storage, grainId)).State!.Label);
    }

    [Fact]
    public async Task Write_StaleETag_ThrowsInconsistentStateAndStoredStateUnchanged()
    {
        var storage = await _harness.OpenAsync();
        var grainId = StorageHarness.NewGrainId();
        await StorageHarness.WriteAsync(storage, grainId, BlobState.Of("v1", 10));
        var a = await StorageHarness.ReadAsync(storage, grainId);
        var b = await StorageHarness.ReadAsync(storage, grainId);

        a.State = BlobState.Of("from-a", 10);
        await storage.WriteStateAsync(StorageHarness.StateName, grainId, a);
        Assert.NotEqual(b.ETag, a.ETag);

        b.State = BlobState.Of("from-b", 10);
        var ex = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(StorageHarness.StateName, grainId, b));
        Assert.Equal(a.ETag, ex.StoredEtag);
        Assert.Equal(b.ETag, ex.CurrentEtag);

        var stored = await StorageHarness.ReadAsync(storage, grainId);
        Assert.Equal("from-a", stored.State!.Label);
        Assert.Equal(a.ETag, stored.ETag);
    }

    [Fact]
    public async Task Clear_StaleETagOrNoETag_ThrowsInconsistentStateAndKeepsRecord()
    {
        var storage = await _harness.OpenAsync();
        var grainId = StorageHarness.NewGrainId();
        var stale = await StorageHarness.WriteAsync(storage, grainId, BlobState.Of("v1", 10));
        var current = await StorageHarness.ReadAsync(storage, grainId);
        current.State = BlobState.Of("v2", 10);
        await storage.WriteStateAsync(StorageHarness.StateName, grainId, current);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.ClearStateAsync(StorageHarness.StateName, grainId, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.ClearStateAsync(StorageHarness.StateName, grainId, new GrainState<BlobState>(new BlobState())));

        Assert.Equal("v2", (await StorageHarness.ReadAsync(storage, grainId)).State!.Label);
    }

    [Fact]
    public async Task Write_RecordDeletedByAnotherWriter_ThrowsInconsistentState()
    {
        var storage = await _harness.OpenAsync();
        var grainId = StorageHarness.NewGrainId();
        var a = await StorageHarness.WriteAsync(storage, grainId, BlobState.Of("v1", 10));
        var b = await StorageHarness.ReadAsync(storage, grainId);
        await storage.ClearStateAsync(StorageHarness.StateName, grainId, b);

        var ex = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(StorageHarness.StateName, grainId, a));
        Assert.Null(ex.StoredEtag);
        Assert.False((await StorageHarness.ReadAsync(storage, grainId)).RecordExists);
    }
}
