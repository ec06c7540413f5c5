using Orleans.Core.Internal;
using Routing.Abstractions.Agents;
using Routing.Grains.Tests.Infrastructure;
using static Routing.Grains.Tests.Infrastructure.TestCentre;

namespace Routing.Grains.Tests.Lifecycle;

/// <summary>The agent grain alone decides which stream holds the agent's session: exactly one, whatever
/// the order in which streams attach, resume and detach.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AgentSessionExclusivityTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    private readonly TestCentre _centre = new(fixture.Client);
    private readonly List<object> _keepAlive = [];

    [Fact]
    public async Task AttachSession_ManyStreamsAtOnce_ExactlyOneHoldsAndEveryOtherIsTold()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var agent = _centre.AgentGrain("ann");
        // Half resume one shared session id, half start sessions of their own, all at the same time.
        var streams = Enumerable.Range(0, 200).Select(_ => Stream()).ToList();
        await Task.WhenAll(streams.Select((s, i) => agent.AttachSession(i % 2 == 0 ? "s-shared" : $"s-{i}", Grace, s.Reference)));

        var holds = await Task.WhenAll(streams.Select(s => agent.HoldsSession(s.Reference)));
        var holder = Assert.Single(Enumerable.Range(0, streams.Count), i => holds[i]);
        var told = streams.Where((_, i) => i != holder).Select(s => s.Probe.Ended.Task.WaitAsync(AgentProbe.Patience, TestContext.Current.CancellationToken));
        await Task.WhenAll(told);
        Assert.False(streams[holder].Probe.Ended.Task.IsCompleted);
        Assert.Equal(holder % 2 == 0 ? "s-shared" : $"s-{holder}", await agent.GetSessionId());
    }

    [Fact]
    public async Task RenewSession_ReplacedStreamOfTheSameSessionAfterTheHolderDetached_Refused()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var agent = _centre.AgentGrain("ann");
        var (_, first) = Stream();
        var (_, second) = Stream();
        await agent.AttachSession("s-1", Grace, first);
        // The second stream resumes the same session, then drops: the first (told, but say it missed it)
        // must not take the session back by renewing it.
        await agent.AttachSession("s-1", Grace, second);
        await agent.DetachSession("s-1", Grace, second);

        Assert.False(await agent.RenewSession("s-1", first));
        Assert.False(await agent.HoldsSession(first));
        Assert.False(await agent.HoldsSession(second));
        Assert.Equal("s-1", await agent.GetSessionId());
    }

    [Fact]
    public async Task HoldsSession_TakenOverByAStreamOfANewActivation_OldStreamRefused()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var agent = _centre.AgentGrain("ann");
        var (_, oldReference) = Stream();
        await agent.AttachSession("s-old", Grace, oldReference);

        // The new activation never heard from the old stream, so it cannot tell it; it still refuses it.
        await agent.Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        var (_, newReference) = Stream();
        await agent.AttachSession("s-new", Grace, newReference);

        Assert.False(await agent.HoldsSession(oldReference));
        Assert.False(await agent.RenewSession("s-old", oldReference));
        Assert.True(await agent.HoldsSession(newReference));
    }

    [Fact]
    public async Task HoldsSession_NewActivationKnowsNoObserver_TakesUpTheAskingStreamSoItsOffersRing()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var agent = _centre.AgentGrain("ann");
        var (probe, stream) = Stream();
        await agent.AttachSession("s-1", Grace, stream);
        await agent.Login();

        // As after a silo loss: the new activation knows the session from state, not its stream's observer. The
        // stream's next command (Ready) is admitted by HoldsSession, before any periodic renewal.
        await agent.Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        Assert.True(await agent.HoldsSession(stream));
        await agent.SetReady();
        var call = await _centre.Call("sales");

        Assert.Equal(call, (await probe.Probe.NextOffer()).InteractionId);
    }

    private (AgentSessionTests.SessionProbe Probe, IAgentSessionObserver Reference) Stream()
    {
        var probe = new AgentSessionTests.SessionProbe();
        _keepAlive.Add(probe);
        return (probe, _centre.Client.CreateObjectReference<IAgentSessionObserver>(probe));
    }
}
