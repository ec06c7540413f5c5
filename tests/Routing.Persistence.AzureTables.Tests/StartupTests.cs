using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Routing.Persistence.AzureTables.Tests.Infrastructure;
using Routing.Testing;

namespace Routing.Persistence.AzureTables.Tests;

public sealed class StartupTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task UnreachableEndpoint_SiloStartFails_NamingTheSettingAndEndpoint()
    {
        var deadPort = LoopbackPorts.Free();
        using var host = BuildSilo(o =>
        {
            o.ConnectionString = AzuriteFixture.ConnectionStringFor(deadPort);
            o.ClientOptions.Retry.MaxRetries = 0;
        });

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(host));

        var cause = Find<AzureTableGrainStorageException>(ex);
        Assert.True(cause is not null, $"expected an AzureTableGrainStorageException in: {ex}");
        TestContext.Current.TestOutputHelper?.WriteLine(cause.Message);
        Assert.Contains("ConnectionString", cause.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{deadPort}", cause.Message, StringComparison.Ordinal);
        Assert.Contains("'azure'", cause.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteFixture.AccountKey, cause.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingConnectionString_HostStartFails_WithOptionsValidationError()
    {
        using var host = BuildSilo(o => o.ConnectionString = null);

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(host));

        var validation = Find<OptionsValidationException>(ex);
        Assert.True(validation is not null, $"expected an OptionsValidationException in: {ex}");
        Assert.Contains(validation.Failures, f => f.Contains("ConnectionString is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Validator_ReportsEveryProblemAtOnce()
    {
        var validator = new AzureTableGrainStorageOptionsValidator("azure");
        var options = new AzureTableGrainStorageOptions { ConnectionString = " ", TableName = "grain-state" };

        var result = validator.Validate("azure", options);

        Assert.True(result.Failed);
        Assert.Equal(3, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.Contains("ConnectionString", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("TableName 'grain-state'", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("GrainStorageSerializer", StringComparison.Ordinal));
        Assert.True(validator.Validate("other", options).Skipped);
    }

    [Theory]
    [InlineData("RoutingGrainState", true)]
    [InlineData("abc", true)]
    [InlineData("ab", false)]
    [InlineData("1table", false)]
    [InlineData("tables", false)]
    [InlineData("has_underscore", false)]
    public void Validator_TableNameRules(string tableName, bool valid)
    {
        var options = new StorageHarness(azurite).Options(o => o.TableName = tableName);
        Assert.Equal(valid, new AzureTableGrainStorageOptionsValidator("azure").Validate("azure", options).Succeeded);
    }

    [Fact]
    public async Task MalformedConnectionString_InitFails_NamingTheSetting()
    {
        var storage = StorageHarness.Create(new StorageHarness(azurite).Options(o => o.ConnectionString = "this is not a connection string"));

        var ex = await Assert.ThrowsAsync<AzureTableGrainStorageException>(
            () => storage.InitAsync(TestContext.Current.CancellationToken));

        Assert.Contains("ConnectionString setting is not a valid", ex.Message, StringComparison.Ordinal);
    }

    private static IHost BuildSilo(Action<AzureTableGrainStorageOptions> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(LoopbackPorts.Free(), LoopbackPorts.Free())
            .AddAzureTableGrainStorage(NoteGrain.StorageName, configure));
        return builder.Build();
    }

    /// <summary>Starts the host; if it does start (the test then fails), stops it again. A host whose
    /// start failed is only disposed: stopping a half-started silo throws.</summary>
    private static async Task StartAsync(IHost host)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(StartPatience);
        await host.StartAsync(timeout.Token);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    private static T? Find<T>(Exception? ex) where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T match)
            {
                return match;
            }
            if (ex is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    if (Find<T>(inner) is { } found)
                    {
                        return found;
                    }
                }
            }
        }
        return null;
    }
}
