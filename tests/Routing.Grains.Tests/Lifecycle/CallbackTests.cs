using Routing.Abstractions;
using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.Grains.Tests.Infrastructure;
using static Routing.Grains.Tests.Infrastructure.TestCentre;

namespace Routing.Grains.Tests.Lifecycle;

/// <summary>Queued callbacks (a waiting caller keeps its place) and scheduled callbacks.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CallbackTests(ClusterFixture fixture)
{
    private readonly TestCentre _centre = new(fixture.Client);

    [Fact]
    public async Task WaitingCaller_AsksForACallback_KeepsItsPlaceAndIsOfferedAsACallback()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var first = await _centre.Call("sales");
        var second = await _centre.Call("sales");

        var converted = await _centre.InteractionGrain(first).RequestCallback("+447700900123");
        // The gateway ends the caller's voice leg: the callback stands.
        var afterHangup = await _centre.InteractionGrain(first).Hangup();

        Assert.Equal((InteractionStatus.Queued, Channel.Callback), (converted.Status, converted.Channel));
        Assert.Equal(InteractionStatus.Queued, afterHangup.Status);
        Assert.Contains(converted.Events, e => e.Kind == InteractionEventKind.CallbackRequested && e.Detail == "+447700900123");
        Assert.Equal([first, second], (await _centre.QueueGrain("sales").GetSnapshot()).Waiting);
        var ann = await _centre.Ready("ann");
        var offer = await ann.NextOffer();
        Assert.Equal((first, Channel.Callback, "+447700900123"), (offer.InteractionId, offer.Channel, offer.CustomerNumber));
        Assert.Equal(InteractionStatus.Connected, (await _centre.InteractionGrain(first).Accept("ann")).Status);
        // A connected call cannot be converted, nor its callback cancelled any more.
        var again = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain(first).RequestCallback("+441110000000"));
        var cancel = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain(first).CancelCallback());
        Assert.Equal([RoutingError.FailedPrecondition, RoutingError.FailedPrecondition], [again.Error, cancel.Error]);
    }

    [Fact]
    public async Task WaitingCallback_CancelledByTheCustomer_IsAbandonedAndLeavesTheLine()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var call = await _centre.Call("sales");
        await _centre.InteractionGrain(call).RequestCallback("+447700900123");

        var cancelled = await _centre.InteractionGrain(call).CancelCallback();

        Assert.Equal(InteractionStatus.Abandoned, cancelled.Status);
        Assert.Empty((await _centre.QueueGrain("sales").GetSnapshot()).Waiting);
    }

    [Fact]
    public async Task Callback_BadRequests_RefusedAndNothingChanged()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var voice = await _centre.Call("sales");
        var chat = await _centre.Call("sales", channel: Channel.Chat);

        var noNumber = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain(voice).RequestCallback(" "));
        var notVoice = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain(chat).RequestCallback("+447700900123"));
        var unknown = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain("nobody-" + Guid.NewGuid().ToString("N")[..8]).RequestCallback("+447700900123"));

        Assert.Equal(
            [RoutingError.InvalidArgument, RoutingError.FailedPrecondition, RoutingError.NotFound],
            [noNumber.Error, notVoice.Error, unknown.Error]);
        var unchanged = await _centre.InteractionGrain(voice).GetSnapshot();
        Assert.Equal((InteractionStatus.Queued, Channel.Voice), (unchanged.Status, unchanged.Channel));
        Assert.DoesNotContain(unchanged.Events, e => e.Kind == InteractionEventKind.CallbackRequested);
    }

    [Fact]
    public async Task ScheduledCallback_IsNotRoutedBeforeItsTimeAndJoinsTheLineThen()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var ann = await _centre.Ready("ann");
        var due = DateTimeOffset.UtcNow.AddSeconds(2);
        var id = "cb-" + Guid.NewGuid().ToString("N")[..12];

        var scheduled = await _centre.InteractionGrain(id).Create(new InteractionSpec
        {
            QueueId = "sales",
            Channel = Channel.Callback,
            CustomerNumber = "+447700900123",
            ScheduledFor = due,
        });

        Assert.Equal(InteractionStatus.Scheduled, scheduled.Status);
        Assert.Empty((await _centre.QueueGrain("sales").GetSnapshot()).Waiting);
        var offer = await ann.NextOffer();
        Assert.Equal(id, offer.InteractionId);
        Assert.True(DateTimeOffset.UtcNow >= due, "offered before its scheduled time");
        Assert.Equal(due, (await _centre.InteractionGrain(id).GetSnapshot()).Arrival);
    }

    [Fact]
    public async Task ScheduledCallback_Cancelled_OrInvalid_IsNeverRouted()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        InteractionSpec Callback(DateTimeOffset at, string queue = "sales", Channel channel = Channel.Callback) =>
            new() { QueueId = queue, Channel = channel, CustomerNumber = "+447700900123", ScheduledFor = at };
        var later = DateTimeOffset.UtcNow.AddHours(1);
        var id = "cb-" + Guid.NewGuid().ToString("N")[..12];
        await _centre.InteractionGrain(id).Create(Callback(later));

        var cancelled = await _centre.InteractionGrain(id).Hangup();

        Assert.Equal(InteractionStatus.Abandoned, cancelled.Status);
        var voice = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain("v-" + id).Create(Callback(later, channel: Channel.Voice)));
        var tooFar = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain("f-" + id).Create(Callback(DateTimeOffset.UtcNow.AddDays(40))));
        var noQueue = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain("q-" + id).Create(Callback(later, queue: "nope")));
        Assert.Equal(
            [RoutingError.InvalidArgument, RoutingError.InvalidArgument, RoutingError.NotFound],
            [voice.Error, tooFar.Error, noQueue.Error]);
        Assert.Equal(InteractionStatus.None, (await _centre.InteractionGrain("q-" + id).GetSnapshot()).Status);
    }
}
