using Routing.Abstractions;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.Grains.Tests.Infrastructure;
using static Routing.Grains.Tests.Infrastructure.TestCentre;

namespace Routing.Grains.Tests.Lifecycle;

/// <summary>The agent app's session kept in the agent grain: detach, resume within grace, expiry.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AgentSessionTests(ClusterFixture fixture)
{
    private static readonly TimeSpan LongGrace = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ShortGrace = TimeSpan.FromMilliseconds(300);

    private readonly TestCentre _centre = new(fixture.Client);
    private readonly List<object> _keepAlive = [];

    [Fact]
    public async Task Session_DetachedAndResumedWithinGrace_KeepsStateAndRingingOffer()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var (stream1, ref1) = Stream();
        await _centre.AgentGrain("ann").AttachSession("s-1", LongGrace, ref1);
        await _centre.AgentGrain("ann").SetReady();
        var call = await _centre.Call("sales");
        Assert.Equal(call, (await stream1.Probe.NextOffer()).InteractionId);

        await _centre.AgentGrain("ann").DetachSession("s-1", LongGrace, ref1);
        Assert.Equal("s-1", await _centre.AgentGrain("ann").GetSessionId());

        var (stream2, ref2) = Stream();
        var resumed = await _centre.AgentGrain("ann").AttachSession("s-1", LongGrace, ref2);
        Assert.Equal(Presence.Available, resumed.Presence);
        var slot = Assert.Single(resumed.Slots);
        Assert.Equal((call, SlotPhase.Offered), (slot.InteractionId, slot.Phase));

        var connected = await _centre.InteractionGrain(call).Accept("ann");
        Assert.Equal(InteractionStatus.Connected, connected.Status);
        await stream2.Probe.WaitForState(s => s.Slots.Any(x => x.Phase == SlotPhase.Connected));
        Assert.DoesNotContain(await _centre.AgentGrain("ann").GetHistory(), e => e.Cause == AgentCause.SessionExpired);
    }

    [Fact]
    public async Task Session_GraceExpires_AgentOfflineAndRingingOfferGoesToAnotherAgent()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann"), Agent("bob")]);
        var (annStream, annRef) = Stream();
        await _centre.AgentGrain("ann").AttachSession("s-ann", LongGrace, annRef);
        await _centre.AgentGrain("ann").SetReady();
        var call = await _centre.Call("sales");
        Assert.Equal(call, (await annStream.Probe.NextOffer()).InteractionId);
        var bob = await _centre.Ready("bob");

        await _centre.AgentGrain("ann").DetachSession("s-ann", ShortGrace, annRef);

        var offerToBob = await bob.NextOffer();
        Assert.Equal(call, offerToBob.InteractionId);
        var rescinded = await _centre.Gateway.WaitFor(call, e => e.Kind == InteractionEventKind.OfferRescinded && e.AgentId == "ann");
        Assert.Equal("withdrawn", rescinded.Detail);

        var ann = await _centre.AgentGrain("ann").GetSnapshot();
        Assert.Equal(Presence.Offline, ann.Presence);
        Assert.Empty(ann.Slots);
        Assert.Null(await _centre.AgentGrain("ann").GetSessionId());
        var history = await _centre.AgentGrain("ann").GetHistory();
        Assert.Contains(history, e => e.Cause == AgentCause.SessionExpired && e.Presence == Presence.Offline);
        Assert.Contains(history, e => e.Cause == AgentCause.ReleasedWithdrawn && e.InteractionId == call);
        AssertSlotsBalance(history);
    }

    [Fact]
    public async Task Session_GraceExpiresWhileConnected_AgentOfflineAndCallStillCompletes()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var (stream, reference) = Stream();
        await _centre.AgentGrain("ann").AttachSession("s-1", LongGrace, reference);
        await _centre.AgentGrain("ann").SetReady();
        var call = await _centre.Call("sales");
        await stream.Probe.NextOffer();
        await _centre.InteractionGrain(call).Accept("ann");
        var watcher = await _centre.Watch("ann");

        await _centre.AgentGrain("ann").DetachSession("s-1", ShortGrace, reference);

        var offline = await watcher.WaitForState(s => s.Presence == Presence.Offline);
        Assert.Equal(SlotPhase.Connected, Assert.Single(offline.Slots).Phase);
        await _centre.InteractionGrain(call).End("ann");
        var done = await _centre.InteractionGrain(call).Complete("ann", new Disposition("sold"));
        Assert.Equal(InteractionStatus.Completed, done.Status);
        var after = await _centre.AgentGrain("ann").GetSnapshot();
        Assert.Equal((Presence.Offline, 0), (after.Presence, after.Load.Total));
        AssertSlotsBalance(await _centre.AgentGrain("ann").GetHistory());
    }

    [Fact]
    public async Task Session_NewStreamAttaches_OldStreamToldAndItsDetachIgnored()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var (old, oldRef) = Stream();
        await _centre.AgentGrain("ann").AttachSession("s-old", ShortGrace, oldRef);
        await _centre.AgentGrain("ann").SetReady();

        var (_, newRef) = Stream();
        await _centre.AgentGrain("ann").AttachSession("s-new", ShortGrace, newRef);
        Assert.Equal("s-old", await old.Ended.Task.WaitAsync(AgentProbe.Patience, TestContext.Current.CancellationToken));
        await _centre.AgentGrain("ann").DetachSession("s-old", ShortGrace, oldRef);
        Assert.False(await _centre.AgentGrain("ann").RenewSession("s-old", oldRef));
        Assert.True(await _centre.AgentGrain("ann").RenewSession("s-new", newRef));

        // A short grace would have expired by now had the old stream's detach counted.
        var probe = await _centre.Watch("ann");
        await _centre.AgentGrain("ann").SetNotReady("break");
        await probe.WaitForState(s => s.Reason == "break");
        Assert.Equal("s-new", await _centre.AgentGrain("ann").GetSessionId());
        Assert.Equal(Presence.NotReady, (await _centre.AgentGrain("ann").GetSnapshot()).Presence);
    }

    [Fact]
    public async Task AttachSession_BadSessionId_IsRefused()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var (_, reference) = Stream();
        var refused = await Assert.ThrowsAsync<RoutingException>(() => _centre.AgentGrain("ann").AttachSession("no spaces", LongGrace, reference));
        Assert.Equal(RoutingError.InvalidArgument, refused.Error);
    }

    /// <summary>Every slot taken in the history is given back exactly once (the load in the last entry
    /// equals slots taken minus slots given back).</summary>
    private static void AssertSlotsBalance(AgentStateEntry[] history)
    {
        var taken = history.Count(e => e.Cause == AgentCause.Reserved);
        var freed = history.Count(e => e.Cause.ToWireName().StartsWith("released-", StringComparison.Ordinal) || e.Cause == AgentCause.Finished);
        Assert.Equal(taken - freed, history[^1].Load.Total);
    }

    private (SessionProbe Probe, IAgentSessionObserver Reference) Stream()
    {
        var probe = new SessionProbe();
        _keepAlive.Add(probe);
        return (probe, _centre.Client.CreateObjectReference<IAgentSessionObserver>(probe));
    }

    /// <summary>Stands in for the edge holding one session stream.</summary>
    public sealed class SessionProbe : IAgentSessionObserver
    {
        public AgentProbe Probe { get; } = new();

        public TaskCompletionSource<string> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task OnOffer(OfferNotice offer) => Probe.OnOffer(offer);

        public Task OnOfferEnded(string interactionId, OfferOutcome outcome) => Probe.OnOfferEnded(interactionId, outcome);

        public Task OnStateChanged(AgentSnapshot snapshot) => Probe.OnStateChanged(snapshot);

        public Task OnTransferNotice(TransferNotice notice) => Probe.OnTransferNotice(notice);

        public Task OnSessionEnded(string sessionId)
        {
            Ended.TrySetResult(sessionId);
            return Task.CompletedTask;
        }
    }
}
