using Routing.Contracts.V1;
using Routing.Server.Tests.Infrastructure;

namespace Routing.Server.Tests;

[Collection(EdgeCollection.Name)]
public sealed class InteractionEdgeTests(EdgeFixture fixture)
{
    private readonly InteractionService.InteractionServiceClient _client = new(fixture.Channel);

    [Fact]
    public async Task Create_ThenWatch_SendsHistoryThenLiveEventsAndEndsWhenFinal()
    {
        var gateway = fixture.As("acme", ["gateway"]);
        var id = $"call-{Guid.NewGuid():N}";
        var created = await _client.CreateAsync(new CreateInteractionRequest { InteractionId = id, QueueId = "sales", Priority = 5, CustomerNumber = "+33123456789" }, gateway);
        Assert.Equal(InteractionStatus.Queued, created.Status);
        Assert.Equal(id, created.InteractionId);

        using var watch = _client.Watch(new WatchInteractionRequest { InteractionId = id }, gateway);
        var queued = await StreamAssert.Next(watch.ResponseStream);
        Assert.Equal((InteractionEventKind.Queued, 1L), (queued.Kind, queued.Sequence));

        var hungUp = await _client.HangupAsync(new HangupRequest { InteractionId = id }, gateway);
        Assert.Equal(InteractionStatus.Abandoned, hungUp.Status);
        var abandoned = await StreamAssert.Until(watch.ResponseStream, e => e.Kind == InteractionEventKind.Abandoned);
        Assert.Equal(InteractionStatus.Abandoned, abandoned.Status);
        await StreamAssert.Ends(watch.ResponseStream);
    }

    [Fact]
    public async Task Create_WithoutId_ServerGeneratesOne()
    {
        var gateway = fixture.As("acme", ["gateway"]);
        var created = await _client.CreateAsync(new CreateInteractionRequest { QueueId = "sales", Channel = Channel.Chat }, gateway);
        Assert.False(string.IsNullOrEmpty(created.InteractionId));
        var read = await _client.GetAsync(new GetInteractionRequest { InteractionId = created.InteractionId }, gateway);
        Assert.Equal(Channel.Chat, read.Channel);
        await _client.HangupAsync(new HangupRequest { InteractionId = created.InteractionId }, gateway);
    }

    [Fact]
    public async Task Watch_FinalInteraction_SendsHistoryAndEnds()
    {
        var gateway = fixture.As("acme", ["admin"]);
        var id = $"call-{Guid.NewGuid():N}";
        await _client.CreateAsync(new CreateInteractionRequest { InteractionId = id, QueueId = "sales" }, gateway);
        await _client.HangupAsync(new HangupRequest { InteractionId = id }, gateway);

        using var watch = _client.Watch(new WatchInteractionRequest { InteractionId = id }, gateway);
        Assert.Equal(InteractionEventKind.Queued, (await StreamAssert.Next(watch.ResponseStream)).Kind);
        Assert.Equal(InteractionEventKind.Abandoned, (await StreamAssert.Next(watch.ResponseStream)).Kind);
        await StreamAssert.Ends(watch.ResponseStream);
    }

    [Fact]
    public async Task Callback_RequestedByTheGateway_KeepsTheCallInLineUntilCancelled()
    {
        var gateway = fixture.As("acme", ["gateway"]);
        var id = $"call-{Guid.NewGuid():N}";
        await _client.CreateAsync(new CreateInteractionRequest { InteractionId = id, QueueId = "sales", CustomerNumber = "+33123456789" }, gateway);

        var converted = await _client.RequestCallbackAsync(new RequestCallbackRequest { InteractionId = id, Number = "+33987654321" }, gateway);
        var voiceLegEnded = await _client.HangupAsync(new HangupRequest { InteractionId = id }, gateway);
        var noNumber = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => _client.RequestCallbackAsync(new RequestCallbackRequest { InteractionId = id }, gateway).ResponseAsync);
        var cancelled = await _client.HangupAsync(new HangupRequest { InteractionId = id, CancelCallback = true }, gateway);

        Assert.Equal((InteractionStatus.Queued, Channel.Callback), (converted.Status, converted.Channel));
        Assert.Contains(converted.Events, e => e.Kind == InteractionEventKind.CallbackRequested && e.Detail == "+33987654321");
        Assert.Equal(InteractionStatus.Queued, voiceLegEnded.Status);
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, noNumber.StatusCode);
        Assert.Equal(InteractionStatus.Abandoned, cancelled.Status);
    }

    [Fact]
    public async Task ScheduledCallback_IsScheduledAndCanBeCancelled()
    {
        var gateway = fixture.As("acme", ["gateway"]);
        var id = $"cb-{Guid.NewGuid():N}";
        var at = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(2));

        var scheduled = await _client.CreateAsync(new CreateInteractionRequest { InteractionId = id, QueueId = "sales", Channel = Channel.Callback, CustomerNumber = "+33123456789", ScheduledFor = at }, gateway);
        var voice = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => _client.CreateAsync(new CreateInteractionRequest { InteractionId = "v" + id, QueueId = "sales", ScheduledFor = at }, gateway).ResponseAsync);
        var cancelled = await _client.HangupAsync(new HangupRequest { InteractionId = id, CancelCallback = true }, gateway);

        Assert.Equal(InteractionStatus.Scheduled, scheduled.Status);
        Assert.Contains(scheduled.Events, e => e.Kind == InteractionEventKind.Scheduled);
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, voice.StatusCode);
        Assert.Equal(InteractionStatus.Abandoned, cancelled.Status);
    }
}
