using Grpc.Core;
using Grpc.Net.Client;
using Routing.Server.Tests.Webhooks;

namespace Routing.Server.Tests.Events;

/// <summary>One <see cref="FeedServer"/> and one webhook receiver for the feed and webhook tests. Each test uses tenants
/// (and receiver endpoints) of its own, so their feeds start at position 0.</summary>
public sealed class EventFeedFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"routing-events-{Guid.NewGuid():N}");
    private FeedServer? _server;

    public FeedServer Server => _server!;

    public WebhookReceiver? Receiver { get; private set; }

    public GrpcChannel Channel => Server.Channel;

    public Uri Address => Server.Address;

    public string SigningKey => Server.SigningKey;

    public async ValueTask InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        _server = new FeedServer(_directory, $"test-signing-key-{Guid.NewGuid():N}");
        await _server.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        if (Receiver is not null)
        {
            await Receiver.DisposeAsync();
        }
        Directory.Delete(_directory, recursive: true);
    }

    public Task RecordEventsAsync(string tenant, string interactionId, int count, int firstSequence = 1) =>
        Server.RecordEventsAsync(tenant, interactionId, count, firstSequence);

    public void RecordEventNoWait(string tenant, string interactionId, int sequence) => Server.RecordEventNoWait(tenant, interactionId, sequence);

    public CallOptions As(string tenant, params string[] roles) => Server.As(tenant, roles);

    public static string NewTenant() => $"t{Guid.NewGuid():N}"[..20];
}

[CollectionDefinition(Name)]
public sealed class EventFeedCollection : ICollectionFixture<EventFeedFixture>
{
    public const string Name = "event-feed";
}
