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
/// The real server with its SQLite history, and facts recorded through its own recorder (as the grains record them).
/// The feed's re-read period is long (30 s), so an event that arrives sooner came through the local commit signal.
/// Each test uses tenants of its own, so their feeds start at position 0.
/// </summary>
public sealed class EventFeedFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"routing-events-{Guid.NewGuid():N}");
    private WebApplication? _app;

    public GrpcChannel Channel { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public string SigningKey { get; } = $"test-signing-key-{Guid.NewGuid():N}";

    public async ValueTask InitializeAsync()
    {
        var centreFile = await TestServer.WriteCentreAsync(_directory);
        (_app, Address, _, _) = await TestServer.StartAsync(
            [$"--Routing:Edge:Auth:SigningKey={SigningKey}", "--Routing:Edge:Events:PollInterval=00:00:30", "--History:BatchDelay=00:00:00.020"],
            centreFile, 0, configureServices: null);
        Channel = GrpcChannel.ForAddress(Address);
    }

    public async ValueTask DisposeAsync() => await TestServer.StopAsync(_app, Channel, _directory);

    /// <summary>Records interaction events (Queued, 1, 2, …) through the server's recorder and waits until they are stored.</summary>
    public async Task RecordEventsAsync(string tenant, string interactionId, int count, int firstSequence = 1)
    {
        var recorder = _app!.Services.GetRequiredService<IHistoryRecorder>();
        for (var sequence = firstSequence; sequence < firstSequence + count; sequence++)
        {
            Assert.True(recorder.Record(new InteractionEventRecord
            {
                TenantId = tenant, InteractionId = interactionId, Sequence = sequence, At = DateTimeOffset.UtcNow, Kind = InteractionEventKind.Queued,
                Status = InteractionStatus.Queued, QueueId = "sales",
            }));
        }
        await recorder.FlushAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Records without waiting for the write: a subscriber must be woken by the commit.</summary>
    public void RecordEventNoWait(string tenant, string interactionId, int sequence) =>
        Assert.True(_app!.Services.GetRequiredService<IHistoryRecorder>().Record(new InteractionEventRecord
        {
            TenantId = tenant, InteractionId = interactionId, Sequence = sequence, At = DateTimeOffset.UtcNow, Kind = InteractionEventKind.Connected,
            Status = InteractionStatus.Connected, QueueId = "sales", AgentId = "ann",
        }));

    public CallOptions As(string tenant, params string[] roles) => EdgeFixture.WithToken(DevTokens.Mint(SigningKey, tenant, roles, null, TimeSpan.FromHours(1)));

    public static string NewTenant() => $"t{Guid.NewGuid():N}"[..20];
}

[CollectionDefinition(Name)]
public sealed class EventFeedCollection : ICollectionFixture<EventFeedFixture>
{
    public const string Name = "event-feed";
}
