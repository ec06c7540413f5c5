using Routing.Persistence.AzureTables.Tests.Infrastructure;

namespace Routing.Persistence.AzureTables.Tests;

public sealed class RoundTripTests(AzuriteFixture azurite)
{
    private readonly StorageHarness _harness = new(azurite);

    [Fact]
    public async Task WriteReadClear_StateAndETagFollowTheRecord()
    {
        var storage = await _harness.OpenAsync();
        var grainId = StorageHarness.NewGrainId();

        var missing = await StorageHarness.ReadAsync(storage, grainId);
        Assert.False(missing.RecordExists);
        Assert.Null(missing.ETag);
        Assert.NotNull(missing.State);

        var written = await StorageHarness.WriteAsync(storage, grainId, BlobState.Of("v1", 100));
        Assert.True(written.RecordExists);
        Assert.NotNull(written.ETag);

        // A second provider instance (another silo) sees the same record and ETag.
        var other = await _harness.OpenAsync();
        var read = await StorageHarness.ReadAsync(other, grainId);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("v1", read.State!.Label);
        Assert.Equal(BlobState.Of("v1", 100).Payload, read.State!.Payload);

        await other.ClearStateAsync(StorageHarness.StateName, grainId, read);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal("", read.State!.Label);
        Assert.Null(await _harness.RawEntityAsync(grainId));

        var afterClear = await StorageHarness.ReadAsync(storage, grainId);
        Assert.False(afterClear.RecordExists);
        Assert.Null(afterClear.ETag);
        Assert.Equal("", afterClear.State!.Label);

        // Cleared, the grain can write again as a first write.
        await StorageHarness.WriteAsync(storage, grainId, BlobState.Of("v2", 10));
        Assert.Equal("v2", (await StorageHarness.ReadAsync(storage, grainId)).State!.Label);
    }

    [Fact]
    public async Task ClearWithoutDelete_KeepsAnEmptyRecordAndTheETagChain()
    {
        var storage = await _harness.OpenAsync(o => o.DeleteStateOnClear = false);
        var grainId = StorageHarness.NewGrainId();
        var state = await StorageHarness.WriteAsync(storage, grainId, BlobState.Of("v1", 100));

        await storage.ClearStateAsync(StorageHarness.StateName, grainId, state);
        Assert.False(state.RecordExists);
        Assert.NotNull(state.ETag);

        var read = await StorageHarness.ReadAsync(storage, grainId);
        Assert.False(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal("", read.State!.Label);
        var raw = await _harness.RawEntityAsync(grainId);
        Assert.NotNull(raw);
        Assert.Equal(0, raw.GetInt32(StateChunks.CountProperty));
        Assert.DoesNotContain("Data0", raw.Keys);

        // A writer that never saw the record (no ETag) must not overwrite the cleared record.
        await Assert.ThrowsAsync<Orleans.Storage.InconsistentStateException>(
            () => StorageHarness.WriteAsync(storage, grainId, BlobState.Of("late", 10)));
        await StorageHarness.WriteAsync(storage, grainId, BlobState.Of("v2", 10), read.ETag);
        Assert.Equal("v2", (await StorageHarness.ReadAsync(storage, grainId)).State!.Label);
    }
}
