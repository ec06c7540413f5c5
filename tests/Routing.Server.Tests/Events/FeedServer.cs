using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Routing.Contracts.Security;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.History;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests.Events;

/// <summary>
/// The real server with its SQLite history in <paramref name="directory"/> (the same file on every start, so a restart
/// finds what the last run stored), quick webhook retries (3 tries, 50 ms apart at first), and facts recorded through
/// its own recorder, as the grains record them. The feed's and the pumps' re-read period is long (30 s), so an event
/// that arrives sooner came through the local commit signal.
/// </summary>
public sealed class FeedServer(string directory, string signingKey) : IAsyncDisposable
{
    private WebApplication? _app;

    public GrpcChannel Channel { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public string SigningKey => signingKey;

    /// <summary>The silo port, for a second server joining this one's cluster.</summary>
    public int SiloPort { get; private set; }

    /// <summary>Starts the server; <paramref name="settings"/> override the defaults above.</summary>
    public Task StartAsync(params string[] settings) => StartAsync(0, settings);

    /// <summary>Starts a server joining the cluster of the one on <paramref name="primarySiloPort"/> (0: a cluster of its own).</summary>
    public async Task StartAsync(int primarySiloPort, params string[] settings)
    {
        var centreFile = await TestServer.WriteCentreAsync(directory);
        int siloPort;
        (_app, Address, _, siloPort) = await TestServer.StartAsync(
        [
            $"--Routing:Edge:Auth:SigningKey={signingKey}",
            "--Routing:Edge:Events:PollInterval=00:00:30",
            $"--History:ConnectionString=Data Source={Path.Combine(directory, "history.db")}",
            "--History:BatchDelay=00:00:00.020",
            "--Routing:Webhooks:MaxAttempts=3",
            "--Routing:Webhooks:RetryDelay=00:00:00.050",
            "--Routing:Webhooks:MaxRetryDelay=00:00:00.200",
            "--Routing:Webhooks:PollInterval=00:00:30",
            .. settings,
        ], centreFile, primarySiloPort, configureServices: null);
        SiloPort = siloPort;
        Channel = GrpcChannel.ForAddress(Address);
    }

    /// <summary>Stops the server; its folder (and history) stays for a next start.</summary>
    public async ValueTask DisposeAsync()
    {
        Channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>Records interaction events (Queued, sequence <paramref name="firstSequence"/>, …) through the server's
    /// recorder and waits until they are stored.</summary>
    public async Task RecordEventsAsync(string tenant, string interactionId, int count, int firstSequence = 1)
    {
        var recorder = _app!.Services.GetRequiredService<IHistoryRecorder>();
        for (var sequence = firstSequence; sequence < firstSequence + count; sequence++)
        {
            Assert.True(recorder.Record(Event(tenant, interactionId, sequence, InteractionEventKind.Queued, null)));
        }
        await recorder.FlushAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Records an "answered" event without waiting for the write: a subscriber must be woken by the commit.</summary>
    public void RecordEventNoWait(string tenant, string interactionId, int sequence) =>
        Assert.True(_app!.Services.GetRequiredService<IHistoryRecorder>().Record(Event(tenant, interactionId, sequence, InteractionEventKind.Connected, "ann")));

    public CallOptions As(string tenant, params string[] roles) => EdgeFixture.WithToken(DevTokens.Mint(signingKey, tenant, roles, null, TimeSpan.FromHours(1)));

    private static InteractionEventRecord Event(string tenant, string interactionId, int sequence, InteractionEventKind kind, string? agentId) => new()
    {
        TenantId = tenant, InteractionId = interactionId, Sequence = sequence, At = DateTimeOffset.UtcNow, Kind = kind,
        Status = kind == InteractionEventKind.Queued ? InteractionStatus.Queued : InteractionStatus.Connected, QueueId = "sales", AgentId = agentId,
    };
}
