using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Routing.History.Tests.Infrastructure;

namespace Routing.History.Tests;

public sealed class OptionsTests(HistoryDatabases databases)
{
    private static readonly HistoryOptionsValidator Validator = new();

    [Fact]
    public void Defaults_AreValid_AndChooseAnSqliteFile()
    {
        var options = new HistoryOptions();

        Assert.True(Validator.Validate(null, options).Succeeded);
        Assert.Equal(HistoryProvider.Sqlite, options.GetProvider());
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnce_NamingTheSetting()
    {
        var options = new HistoryOptions { Provider = "Oracle", QueueCapacity = 0, BatchSize = 0, RetryDelay = TimeSpan.Zero };

        var failures = Validator.Validate(null, options).Failures!.ToList();

        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, failure => failure.StartsWith("History:Provider 'Oracle' is not a history provider: use Sqlite", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith("History:QueueCapacity 0", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith("History:BatchSize 0", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith("History:RetryDelay", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Sqlite", "", "History:ConnectionString is required for Sqlite")]
    [InlineData("Sqlite", "Data Source=:memory:", "an in-memory database keeps nothing")]
    [InlineData("Sqlite", "Mode=Memory;Data Source=x", "an in-memory database keeps nothing")]
    [InlineData("sqlite", "Colour=blue", "History:ConnectionString is not a valid Sqlite connection string")]
    [InlineData("PostgreSql", "Database=routing", "Host is missing")]
    [InlineData("postgresql", "Host=db;Colour=blue", "History:ConnectionString is not a valid PostgreSql connection string")]
    [InlineData("2", "Data Source=x.db", "History:Provider '2' is not a history provider")]
    public void BadProviderOrConnectionString_IsRefused_WithWhatToFix(string provider, string connectionString, string expected)
    {
        var result = Validator.Validate(null, new HistoryOptions { Provider = provider, ConnectionString = connectionString });

        Assert.Contains(expected, Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_WithBadHistoryConfiguration_RefusesToStart_WithAClearMessage()
    {
        using var host = Host(new() { ["History:Provider"] = "PostgreSql", ["History:ConnectionString"] = "Database=routing" });

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("History:ConnectionString is not a valid PostgreSql connection string: Host is missing", refused.Message, StringComparison.Ordinal);
    }

    [Theory, BothProviders]
    public async Task Host_WithValidConfiguration_MigratesAndStoresWhatIsRecorded(HistoryProvider provider)
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var host = Host(new() { ["History:Provider"] = provider.ToString(), ["History:ConnectionString"] = await databases.CreateAsync(provider, cancellation) });
        await host.StartAsync(cancellation);
        var recorder = host.Services.GetRequiredService<IHistoryRecorder>();
        var tenant = Facts.NewTenant();

        recorder.RecordAll(Facts.Bundle(tenant, 1));
        await recorder.FlushWithinAsync();
        await host.StopAsync(cancellation);

        Assert.Equal(new HistoryCounts(1, 2, 2, 1, 1), await host.Services.GetRequiredService<IHistoryStore>().CountAsync(tenant, cancellation));
    }

    private static IHost Host(Dictionary<string, string?> settings)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddRoutingHistory(builder.Configuration);
        return builder.Build();
    }
}
