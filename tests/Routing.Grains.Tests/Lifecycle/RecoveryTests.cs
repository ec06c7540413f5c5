using Routing.Abstractions;
using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.Grains.Tests.Infrastructure;
using static Routing.Grains.Tests.Infrastructure.TestCentre;

namespace Routing.Grains.Tests.Lifecycle;

/// <summary>Nothing accepted is lost when a call that moves an interaction fails midway.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RecoveryTests(ClusterFixture fixture)
{
    private readonly TestCentre _centre = new(fixture.Client);

    [Fact]
    public async Task OfferThatFailedMidway_WaitingInteractionGetsItsPlaceBack_AndIsOffered()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var call = await _centre.Call("sales");
        // An offer begins (the queue takes the call out of line) and the agent's side never answers,
        // as when a silo dies mid-call: the interaction is still Queued but in no line.
        var claim = await _centre.QueueRouting("sales").ClaimBestFor(
            new AgentCandidate
            {
                AgentId = "ann",
                Skills = SkillSet.Empty,
                FreeChannels = [Channel.Voice],
                IdleSince = DateTimeOffset.UtcNow,
                Occupancy = 0,
                InteractionsToday = 0,
                Version = 0,
            },
            DateTimeOffset.MaxValue);
        Assert.Equal(call, claim?.Entry.InteractionId);
        Assert.Empty((await _centre.QueueGrain("sales").GetSnapshot()).Waiting);

        var ann = await _centre.Ready("ann");

        var offer = await ann.NextOffer();
        Assert.Equal(call, offer.InteractionId);
        Assert.Equal(InteractionStatus.Offered, (await _centre.InteractionGrain(call).GetSnapshot()).Status);
    }

    [Fact]
    public async Task OfferTimedOutByAgentThatNeverConfirmed_InteractionReturnsToLine()
    {
        await _centre.Apply([Queue("sales") with { OfferTimeout = TimeSpan.FromMilliseconds(300) }], [Agent("ann"), Agent("bob")]);
        var call = await _centre.Call("sales");
        // The interaction is offered but the agent's slot was never confirmed (the confirming call failed).
        var offer = await _centre.InteractionRouting(call).Offer(new OfferRequest
        {
            AgentId = "ann",
            QueueId = "sales",
            OfferTimeout = TimeSpan.FromMilliseconds(300),
            ReofferDelay = TimeSpan.FromMinutes(5),
            WrapUpTime = TimeSpan.Zero,
        });
        Assert.NotNull(offer);

        await _centre.Gateway.WaitFor(call, e => e.Kind == InteractionEventKind.OfferTimedOut);
        var bob = await _centre.Ready("bob");

        Assert.Equal(call, (await bob.NextOffer()).InteractionId);
    }
}
