using Routing.Persistence.AzureTables.Tests.Infrastructure;

namespace Routing.Persistence.AzureTables.Tests;

public sealed class KeyEscapingTests(AzuriteFixture azurite)
{
    private readonly StorageHarness _harness = new(azurite);

    public static readonly TheoryData<string> AwkwardKeys =
    [
        "tenant/queue",
        "tenant/q#1?x\\y",
        "tenant/ケーキ/ü/😀",
        "tenant/tab\there\u0001\u007f\u0085",
        "tenant/100%",
        "tenant/a|b",
    ];

    [Theory]
    [MemberData(nameof(AwkwardKeys))]
    public void Escape_NeverContainsCharactersAzureForbids(string key)
    {
        var escaped = TableKeys.PartitionKey("service/1", key);

        Assert.DoesNotContain(escaped, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        Assert.All(escaped, c => Assert.True(char.IsAscii(c)));
    }

    [Fact]
    public void Escape_DistinctIdsGiveDistinctKeys()
    {
        string[] ids = ["a/b", "a%2Fb", "a%252Fb", "a_b", "a\\b", "a#b", "a?b", "a|b", "a%7Cb", "\ud800", "%uD800", "\ufffd", "ü", "%C3%BC"];
        var keys = ids.Select(id => TableKeys.PartitionKey("s", id)).ToList();
        Assert.Equal(ids.Length, keys.Distinct(StringComparer.Ordinal).Count());

        // The separator between service id and grain id cannot be forged by either part.
        Assert.NotEqual(TableKeys.PartitionKey("s|x", "y"), TableKeys.PartitionKey("s", "x|y"));
    }

    [Fact]
    public void Escape_KeyOverTheAzureLimit_FailsNamingTheGrain()
    {
        var ex = Assert.Throws<AzureTableGrainStorageException>(() => TableKeys.PartitionKey("s", "tenant/" + new string('/', 400)));
        Assert.Contains("tenant/", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1024", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AwkwardKeys))]
    public async Task AwkwardKey_RoundTrips(string key)
    {
        var storage = await _harness.OpenAsync();
        var grainId = GrainId.Create("queue", $"{Guid.NewGuid():N}-{key}");

        await StorageHarness.WriteAsync(storage, grainId, BlobState.Of(key, 64));

        var read = await StorageHarness.ReadAsync(storage, grainId);
        Assert.True(read.RecordExists);
        Assert.Equal(key, read.State!.Label);
    }

    [Fact]
    public async Task KeysThatNaiveEscapingWouldMerge_StaySeparate()
    {
        var storage = await _harness.OpenAsync();
        var prefix = Guid.NewGuid().ToString("N");
        string[] keys = [$"{prefix}/a/b", $"{prefix}/a%2Fb", $"{prefix}/a_b", $"{prefix}/a_2F_b"];

        foreach (var key in keys)
        {
            await StorageHarness.WriteAsync(storage, GrainId.Create("queue", key), BlobState.Of(key, 8));
        }

        foreach (var key in keys)
        {
            var read = await StorageHarness.ReadAsync(storage, GrainId.Create("queue", key));
            Assert.Equal(key, read.State!.Label);
        }
    }
}
