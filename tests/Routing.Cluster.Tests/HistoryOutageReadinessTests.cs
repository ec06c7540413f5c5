using System.Net;
using Routing.Cluster.Tests.Infrastructure;
using Routing.History.Tests.Infrastructure;

namespace Routing.Cluster.Tests;

/// <summary>
/// Routing never waits for history, so an outage of the shared history database must not take silos out of service:
/// readiness stays 200 (reported Degraded) while PostgreSQL is down, and Healthy again once it is back. With history
/// off there is no store to report on: readiness is Healthy.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class HistoryOutageReadinessTests
{
    [Fact]
    public async Task Readiness_while_the_history_database_is_down_stays_ready_reported_degraded()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var postgres = await PostgresServer.StartAsync(ct);
        var connectionString = await postgres.CreateDatabaseAsync("routing_history", ct);
        await using var cluster = await ProcessCluster.StartAsync(silos: 1, salesAgents: 1, heldAgents: 0, ct,
            "--History:Enabled=true", "--History:Provider=PostgreSql", $"--History:ConnectionString={connectionString}");
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var readyz = new Uri(cluster.Silos[0].Edge, "/readyz");
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ReadinessAsync(http, readyz, ct));

        await postgres.KillAsync(ct);
        Assert.Equal((HttpStatusCode.OK, "Degraded"), await UntilAsync(http, readyz, "Degraded", ct));

        await postgres.RestartAsync(ct);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await UntilAsync(http, readyz, "Healthy", ct));
    }

    [Fact]
    public async Task Readiness_with_history_off_is_healthy()
    {
        var ct = TestContext.Current.CancellationToken;
        // The process cluster's silos run with History:Enabled=false unless a test asks for history.
        await using var cluster = await ProcessCluster.StartAsync(silos: 1, salesAgents: 1, heldAgents: 0, ct);
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ReadinessAsync(http, new Uri(cluster.Silos[0].Edge, "/readyz"), ct));
    }

    private static async Task<(HttpStatusCode, string)> ReadinessAsync(HttpClient http, Uri readyz, CancellationToken ct)
    {
        using var response = await http.GetAsync(readyz, ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>Polls readiness until its report is <paramref name="expected"/> (nothing pushes a database outage to the
    /// server), for at most 30 s; returns the last answer.</summary>
    private static async Task<(HttpStatusCode, string)> UntilAsync(HttpClient http, Uri readyz, string expected, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var last = await ReadinessAsync(http, readyz, ct);
        while (last.Item2 != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, ct);
            last = await ReadinessAsync(http, readyz, ct);
        }
        return last;
    }
}
