using Azure.Data.Tables;
using Routing.Persistence.AzureTables.Tests.Infrastructure;

namespace Routing.Persistence.AzureTables.Tests;

public sealed class ChunkingTests(AzuriteFixture azurite)
{
    private readonly StorageHarness _harness = new(azurite);

    [Fact]
    public async Task LargeState_SplitsOverProperties_ThenSmallerWrite_LeavesNoStaleChunks()
    {
        var storage = await _harness.OpenAsync();
        var grainId = StorageHarness.NewGrainId();
        var large = BlobState.Of("large", 300 * 1024, seed: 7);

        var state = await StorageHarness.WriteAsync(storage, grainId, large);
        var raw = await _harness.RawEntityAsync(grainId);
        Assert.NotNull(raw);
        Assert.True(raw.GetInt32(StateChunks.CountProperty) >= 5, $"expected ≥ 5 chunks, got {raw.GetInt32(StateChunks.CountProperty)}");
        Assert.All(Enumerable.Range(0, raw.GetInt32(StateChunks.CountProperty)!.Value),
            i => Assert.True(raw.GetBinary($"Data{i}")!.Length <= StateChunks.MaxChunkBytes));

        var read = await StorageHarness.ReadAsync(storage, grainId);
        Assert.Equal(large.Payload, read.State!.Payload);

        var small = BlobState.Of("small", 10 * 1024, seed: 8);
        state.State = small;
        await storage.WriteStateAsync(StorageHarness.StateName, grainId, state);

        raw = await _harness.RawEntityAsync(grainId);
        Assert.NotNull(raw);
        Assert.Equal(1, raw.GetInt32(StateChunks.CountProperty));
        Assert.DoesNotContain(raw.Keys, k => k.StartsWith("Data", StringComparison.Ordinal) && k is not ("Data0" or "DataCount" or "DataSize"));
        read = await StorageHarness.ReadAsync(storage, grainId);
        Assert.Equal("small", read.State!.Label);
        Assert.Equal(small.Payload, read.State!.Payload);
    }

    [Fact]
    public async Task StateNearTheLimit_RoundTrips()
    {
        var storage = await _harness.OpenAsync();
        var grainId = StorageHarness.NewGrainId();
        var big = BlobState.Of("near-limit", StateChunks.MaxStateBytes - 1024, seed: 9);

        await StorageHarness.WriteAsync(storage, grainId, big);

        var read = await StorageHarness.ReadAsync(storage, grainId);
        Assert.Equal(big.Payload, read.State!.Payload);
        Assert.Equal(StateChunks.MaxChunks, (await _harness.RawEntityAsync(grainId))!.GetInt32(StateChunks.CountProperty));
    }

    [Fact]
    public async Task StateOverTheEntityLimit_FailsClearly_StoredStateUnchanged()
    {
        var storage = await _harness.OpenAsync();
        var grainId = StorageHarness.NewGrainId();
        var state = await StorageHarness.WriteAsync(storage, grainId, BlobState.Of("v1", 1000));
        var etag = state.ETag;

        state.State = BlobState.Of("too-big", 1024 * 1024);
        var ex = await Assert.ThrowsAsync<GrainStateTooLargeException>(
            () => storage.WriteStateAsync(StorageHarness.StateName, grainId, state));

        Assert.Contains(grainId.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Contains(StateChunks.MaxStateBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Matches(@"serialises to 10[0-9]{5} bytes", ex.Message);
        Assert.Equal(etag, state.ETag);
        var read = await StorageHarness.ReadAsync(storage, grainId);
        Assert.Equal("v1", read.State!.Label);
        Assert.Equal(etag, read.ETag);
    }

    [Fact]
    public async Task EntityWithAMissingChunk_ReadFails_NamingTheGrain()
    {
        var storage = await _harness.OpenAsync();
        var grainId = StorageHarness.NewGrainId();
        await StorageHarness.WriteAsync(storage, grainId, BlobState.Of("v1", 100 * 1024));
        var raw = (await _harness.RawEntityAsync(grainId))!;
        raw.Remove("Data1");
        await new TableClient(_harness.Azurite.ConnectionString, AzureTableGrainStorageOptions.DefaultTableName)
            .UpdateEntityAsync(raw, raw.ETag, TableUpdateMode.Replace, TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<AzureTableGrainStorageException>(() => StorageHarness.ReadAsync(storage, grainId));

        Assert.Contains(grainId.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Contains("chunk Data1 of 2 is missing", ex.Message, StringComparison.Ordinal);
    }
}
