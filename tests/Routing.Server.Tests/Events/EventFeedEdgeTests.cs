using Grpc.Core;
using Routing.Contracts.V1;

namespace Routing.Server.Tests.Events;

/// <summary>EventFeedService end to end: the real server, its recorder and its SQLite history.</summary>
[Collection(EventFeedCollection.Name)]
public sealed class EventFeedEdgeTests(EventFeedFixture fixture)
{
    private readonly EventFeedService.EventFeedServiceClient _feed = new(fixture.Channel);

    [Fact]
    public async Task Subscribe_FromZero_SendsTheStoredEvents_ThenLiveOnesAsTheyAreStored()
    {
        var tenant = EventFeedFixture.NewTenant();
        await fixture.RecordEventsAsync(tenant, "i-1", 3);

        using var call = _feed.Subscribe(new SubscribeEventsRequest(), fixture.As(tenant, "integration"));
        var stored = await ReadAsync(call, 3);
        fixture.RecordEventNoWait(tenant, "i-1", 4);
        var live = await ReadAsync(call, 1);

        Assert.Equal([1L, 2L, 3L], stored.Select(e => e.Position));
        Assert.All(stored, e => Assert.Equal(("routing.interaction.queued", "i-1", tenant), (e.Type, e.Subject, e.TenantId)));
        Assert.Equal((4L, "routing.interaction.answered"), (live[0].Position, live[0].Type));
        Assert.Contains("\"agentId\":\"ann\"", live[0].DataJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_FromTheLastPositionRead_MissesNothingAndRepeatsNothing()
    {
        var tenant = EventFeedFixture.NewTenant();
        await fixture.RecordEventsAsync(tenant, "i-1", 4);
        List<FeedEvent> first;
        using (var call = _feed.Subscribe(new SubscribeEventsRequest(), fixture.As(tenant, "supervisor")))
        {
            first = await ReadAsync(call, 2);
        }

        await fixture.RecordEventsAsync(tenant, "i-2", 3);
        using var resumed = _feed.Subscribe(new SubscribeEventsRequest { FromPosition = first[^1].Position }, fixture.As(tenant, "admin"));
        var rest = await ReadAsync(resumed, 5);

        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L, 7L], first.Concat(rest).Select(e => e.Position));
        Assert.Equal(7, (await _feed.GetPositionAsync(new GetFeedPositionRequest(), fixture.As(tenant, "integration"))).Position);
    }

    [Fact]
    public async Task TypeFilter_SendsOnlyMatchingTypes()
    {
        var tenant = EventFeedFixture.NewTenant();
        await fixture.RecordEventsAsync(tenant, "i-1", 2);
        fixture.RecordEventNoWait(tenant, "i-1", 3);

        using var call = _feed.Subscribe(new SubscribeEventsRequest { TypePatterns = { "routing.interaction.answered" } }, fixture.As(tenant, "integration"));
        var answered = await ReadAsync(call, 1);

        Assert.Equal((3L, "routing.interaction.answered"), (answered[0].Position, answered[0].Type));
    }

    [Fact]
    public async Task OtherTenant_NeverSeesTheEvents()
    {
        var (acme, globex) = (EventFeedFixture.NewTenant(), EventFeedFixture.NewTenant());
        await fixture.RecordEventsAsync(acme, "secret", 3);

        using var call = _feed.Subscribe(new SubscribeEventsRequest(), fixture.As(globex, "admin"));
        await fixture.RecordEventsAsync(globex, "own", 1);
        var first = await ReadAsync(call, 1);

        Assert.Equal((1L, "own", globex), (first[0].Position, first[0].Subject, first[0].TenantId));
        Assert.Equal(1, (await _feed.GetPositionAsync(new GetFeedPositionRequest(), fixture.As(globex, "admin"))).Position);
    }

    [Fact]
    public async Task NoToken_Unauthenticated()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _feed.GetPositionAsync(new GetFeedPositionRequest(), Infrastructure.EdgeFixture.WithToken(null)).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("operator")]
    public async Task WrongRole_PermissionDenied(string role)
    {
        using var call = _feed.Subscribe(new SubscribeEventsRequest(), fixture.As(EventFeedFixture.NewTenant(), role));

        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Contains("integration", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NegativePosition_InvalidArgument()
    {
        var e = await SubscribeFailsAsync(new SubscribeEventsRequest { FromPosition = -1 });

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("from_position", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedTypePattern_InvalidArgument()
    {
        var e = await SubscribeFailsAsync(new SubscribeEventsRequest { TypePatterns = { "Routing Interaction%" } });

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("Routing Interaction%", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PositionBeyondTheEnd_OutOfRange()
    {
        var e = await SubscribeFailsAsync(new SubscribeEventsRequest { FromPosition = 5 });

        Assert.Equal(StatusCode.OutOfRange, e.StatusCode);
        Assert.Contains("latest position 0", e.Status.Detail, StringComparison.Ordinal);
    }

    private async Task<RpcException> SubscribeFailsAsync(SubscribeEventsRequest request)
    {
        using var call = _feed.Subscribe(request, fixture.As(EventFeedFixture.NewTenant(), "integration"));
        return await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
    }

    /// <summary>The next <paramref name="count"/> events; the call's deadline (30 s) fails a test that waits for more.</summary>
    private static async Task<List<FeedEvent>> ReadAsync(AsyncServerStreamingCall<FeedEvent> call, int count)
    {
        var events = new List<FeedEvent>();
        while (events.Count < count && await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken))
        {
            events.Add(call.ResponseStream.Current);
        }
        Assert.Equal(count, events.Count);
        return events;
    }
}
