using Grpc.Core;
using Routing.Contracts.V1;

namespace Routing.Server.Tests.Events;

/// <summary>Two silos of one cluster sharing one history store: a subscriber on one gets what the other stored, through
/// the bounded re-read (the other silo's commits cannot wake it).</summary>
public sealed class EventFeedTwoSiloTests
{
    [Fact]
    public async Task EventsStoredByTheOtherSilo_ReachTheSubscriber_InOrder()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"routing-events-two-{Guid.NewGuid():N}");
        var key = $"test-signing-key-{Guid.NewGuid():N}";
        var tenant = EventFeedFixture.NewTenant();
        try
        {
            await using var writer = new FeedServer(directory, key);
            await writer.StartAsync("--Routing:Edge:Events:PollInterval=00:00:00.300");
            await using var reader = new FeedServer(directory, key);
            await reader.StartAsync(writer.SiloPort, "--Routing:Edge:Events:PollInterval=00:00:00.300");
            var feed = new EventFeedService.EventFeedServiceClient(reader.Channel);
            using var call = feed.Subscribe(new SubscribeEventsRequest(), reader.As(tenant, "integration"));

            // One event of the reader's own first, so the stream is surely following the feed before the writer writes.
            await reader.RecordEventsAsync(tenant, "own", 1);
            Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
            await writer.RecordEventsAsync(tenant, "i-1", 2);
            await writer.RecordEventsAsync(tenant, "i-2", 1);
            var received = new List<(long, string)>();
            while (received.Count < 3 && await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken))
            {
                received.Add((call.ResponseStream.Current.Position, call.ResponseStream.Current.Subject));
            }

            Assert.Equal([(2L, "i-1"), (3L, "i-1"), (4L, "i-2")], received);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
