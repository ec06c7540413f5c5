using Routing.Cluster.Tests.Infrastructure;
using Routing.Contracts.Security;
using Routing.Testing;

namespace Routing.Cluster.Tests;

/// <summary>Storage and clustering settings that cannot work stop start-up with one clear message and a
/// non-zero exit code, before the silo joins anything.</summary>
[Collection(ProcessCollection.Name)]
public sealed class StartupCheckTests
{
    [Fact]
    public async Task An_unreachable_Redis_stops_start_up_naming_the_setting()
    {
        var nobody = LoopbackPorts.Free();
        var output = await RunToExitAsync(
            "--Routing:Cluster:Clustering=Redis",
            $"--Routing:Cluster:RedisConnectionString=127.0.0.1:{nobody}");
        Assert.Contains($"Redis at '127.0.0.1:{nobody}' (Routing:Cluster:RedisConnectionString) did not answer", output);
    }

    [Fact]
    public async Task An_unknown_storage_provider_stops_start_up()
    {
        var output = await RunToExitAsync("--Routing:Cluster:Storage=Cassandra");
        Assert.Contains("Routing:Cluster:Storage must be Memory, Redis or AzureTable, not 'Cassandra'", output);
    }

    [Fact]
    public async Task A_malformed_Redis_connection_string_stops_start_up()
    {
        var output = await RunToExitAsync("--Routing:Cluster:Storage=Redis", "--Routing:Cluster:RedisConnectionString=127.0.0.1,bogus=1");
        Assert.Contains("Routing:Cluster:RedisConnectionString is not a valid Redis connection string", output);
    }

    [Fact]
    public async Task Redis_storage_without_a_connection_string_stops_start_up()
    {
        var output = await RunToExitAsync("--Routing:Cluster:Storage=Redis");
        Assert.Contains("Routing:Cluster:RedisConnectionString is required when Clustering or Storage is Redis", output);
    }

    [Fact]
    public async Task Azure_table_storage_without_a_connection_string_stops_start_up()
    {
        var output = await RunToExitAsync("--Routing:Cluster:Storage=AzureTable");
        Assert.Contains("Routing:Cluster:AzureTableConnectionString is required when Clustering or Storage is AzureTable", output);
    }

    [Fact]
    public async Task A_malformed_Azure_connection_string_stops_start_up_without_repeating_it()
    {
        const string secret = "not-a-key-but-secret";
        var output = await RunToExitAsync("--Routing:Cluster:Clustering=AzureTable", $"--Routing:Cluster:AzureTableConnectionString=AccountKey={secret};nonsense");
        Assert.Contains("Routing:Cluster:AzureTableConnectionString is not a valid Azure Storage connection string", output);
        Assert.DoesNotContain(secret, output);
    }

    [Fact]
    public async Task An_unreachable_Azure_table_endpoint_stops_start_up_naming_the_endpoint_not_the_key()
    {
        var nobody = LoopbackPorts.Free();
        var output = await RunToExitAsync("--Routing:Cluster:Storage=AzureTable", $"--Routing:Cluster:AzureTableConnectionString={AzuriteFixture.ConnectionStringFor(nobody)}");
        Assert.Contains($"Azure Table storage at 'http://127.0.0.1:{nobody}/{AzuriteFixture.AccountName}' (Routing:Cluster:AzureTableConnectionString) did not answer", output);
        Assert.DoesNotContain(AzuriteFixture.AccountKey, output);
    }

    [Fact]
    public async Task An_invalid_Azure_table_name_stops_start_up()
    {
        var output = await RunToExitAsync("--Routing:Cluster:Storage=AzureTable", $"--Routing:Cluster:AzureTableConnectionString={AzuriteFixture.ConnectionStringFor(LoopbackPorts.Free())}",
            "--Routing:Cluster:AzureReminderTableName=routing_reminders");
        Assert.Contains("Routing:Cluster:AzureReminderTableName must be 3–63 letters or digits starting with a letter (not 'tables'), not 'routing_reminders'", output);
    }

    [Fact]
    public async Task The_shipped_settings_outside_Development_stop_start_up_asking_for_an_authority()
    {
        var output = await RunToExitAsync("--Routing:Edge:Auth:SigningKey=");
        Assert.Contains("no way to check tokens is configured: set Authority and Audience", output);
        Assert.Contains("--environment Development", output);
    }

    [Fact]
    public async Task The_published_development_key_outside_Development_stops_start_up()
    {
        var output = await RunToExitAsync($"--Routing:Edge:Auth:SigningKey={DevTokens.LocalDevelopmentKey}");
        Assert.Contains("SigningKey is the published development key", output);
        Assert.Contains("this server runs as 'Production'", output);
    }

    [Fact]
    public async Task Anonymous_reflection_outside_Development_stops_start_up()
    {
        var output = await RunToExitAsync("--Routing:Edge:Reflection=Anonymous");
        Assert.Contains("Reflection=Anonymous lists every service to anyone and works only in the Development environment", output);
    }

    [Fact]
    public async Task The_published_development_key_in_Development_starts_and_serves()
    {
        await using var silo = SiloProcess.Start(["--environment", "Development", $"--Routing:Edge:Auth:SigningKey={DevTokens.LocalDevelopmentKey}"]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await silo.WaitHealthyAsync(timeout.Token);
        Assert.DoesNotContain("The routing server did not start", silo.Output);
    }

    [Fact]
    public async Task Kubernetes_hosting_outside_a_pod_stops_start_up_naming_what_is_missing()
    {
        var output = await RunToExitAsync("--Routing:Cluster:Kubernetes=true");
        Assert.Contains("Routing:Cluster:Kubernetes needs Clustering Redis or AzureTable", output);
        Assert.Contains("Routing:Cluster:Kubernetes is true but the environment lacks POD_NAME, POD_NAMESPACE, POD_IP, KUBERNETES_SERVICE_HOST", output);
    }

    [Fact]
    public async Task A_shutdown_timeout_out_of_range_stops_start_up()
    {
        var output = await RunToExitAsync("--Routing:Shutdown:Timeout=00:00:01");
        Assert.Contains("Routing:Shutdown:Timeout must be between 00:00:05 and 00:30:00 (is 00:00:01)", output);
    }

    /// <summary>Starts a server with <paramref name="settings"/>, expects it to exit with code 1 without ever
    /// serving, and returns what it printed.</summary>
    private static async Task<string> RunToExitAsync(params string[] settings)
    {
        await using var silo = SiloProcess.Start(settings);
        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(1, exitCode);
        Assert.Contains("The routing server did not start", silo.Output);
        Assert.DoesNotContain("Now listening on", silo.Output);
        return silo.Output;
    }
}
