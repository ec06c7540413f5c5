using Routing.Abstractions;
using Routing.Abstractions.Configuration;
using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.Grains.Tests.Infrastructure;
using static Routing.Grains.Tests.Infrastructure.TestCentre;

namespace Routing.Grains.Tests.Validation;

/// <summary>Each class of bad input is refused with a clear reason and changes nothing.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BadInputTests(ClusterFixture fixture)
{
    private readonly TestCentre _centre = new(fixture.Client);

    [Theory]
    [InlineData("")]
    [InlineData("has/slash")]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    [InlineData("ünïcode")]
    public void MalformedId_IsRefusedBeforeAnyGrainIsTouched(string id)
    {
        var error = Assert.Throws<RoutingException>(() => fixture.Client.Queue("acme", id));
        Assert.Equal(RoutingError.InvalidArgument, error.Error);
        Assert.Throws<RoutingException>(() => fixture.Client.Agent(id, "ann"));
    }

    [Fact]
    public void MalformedId_TooLong_IsRefused()
    {
        var error = Assert.Throws<RoutingException>(() => fixture.Client.Interaction("acme", new string('a', 65)));
        Assert.Contains("longer than 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownQueue_CreateIsRefusedAndNothingExists()
    {
        await _centre.Apply([Queue("sales")], []);
        var interaction = _centre.InteractionGrain("call-1");

        var error = await Assert.ThrowsAsync<RoutingException>(() => interaction.Create(new InteractionSpec { QueueId = "nope" }));

        Assert.Equal(RoutingError.NotFound, error.Error);
        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
        Assert.Equal(InteractionStatus.None, (await interaction.GetSnapshot()).Status);
        // The id is still free: a correct request with it now succeeds.
        Assert.Equal(InteractionStatus.Queued, (await interaction.Create(new InteractionSpec { QueueId = "sales" })).Status);
    }

    [Fact]
    public async Task OversizedInteraction_IsRefusedWithEveryProblem()
    {
        await _centre.Apply([Queue("sales")], []);
        var spec = new InteractionSpec
        {
            QueueId = "sales",
            Priority = 1_000,
            CustomerNumber = new string('9', 500),
            Attributes = Enumerable.Range(0, 40).ToDictionary(i => $"k{i}", _ => new string('x', 2_000)),
            RequiredSkills = [new SkillRequirement("lang.fr", 9)],
        };

        var error = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain("big").Create(spec));

        Assert.Equal(RoutingError.InvalidArgument, error.Error);
        Assert.Contains("priority 1000", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 32 attributes", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 128 characters", error.Message, StringComparison.Ordinal);
        Assert.Contains("minimum level 9", error.Message, StringComparison.Ordinal);
        Assert.Empty((await _centre.QueueGrain("sales").GetSnapshot()).Waiting);
    }

    [Fact]
    public async Task SameIdDifferentContent_IsRefused_SameContentIsIdempotent()
    {
        await _centre.Apply([Queue("sales"), Queue("billing")], []);
        var interaction = _centre.InteractionGrain("dup");
        var first = await interaction.Create(new InteractionSpec { QueueId = "sales" });

        var again = await interaction.Create(new InteractionSpec { QueueId = "sales" });
        var error = await Assert.ThrowsAsync<RoutingException>(() => interaction.Create(new InteractionSpec { QueueId = "billing" }));

        Assert.Equal(first.Arrival, again.Arrival);
        Assert.Equal(RoutingError.AlreadyExists, error.Error);
        Assert.Equal(["dup"], (await _centre.QueueGrain("sales").GetSnapshot()).Waiting);
        Assert.Empty((await _centre.QueueGrain("billing").GetSnapshot()).Waiting);
    }

    [Fact]
    public async Task WrongAgent_CannotAcceptRejectOrEndSomeoneElsesOffer()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann"), Agent("eve")]);
        var ann = await _centre.Ready("ann");
        var call = await _centre.Call("sales");
        await ann.NextOffer();
        var interaction = _centre.InteractionGrain(call);

        var accept = await Assert.ThrowsAsync<RoutingException>(() => interaction.Accept("eve"));
        var reject = await Assert.ThrowsAsync<RoutingException>(() => interaction.Reject("eve"));
        var end = await Assert.ThrowsAsync<RoutingException>(() => interaction.End("ann"));

        Assert.All([accept, reject, end], e => Assert.Equal(RoutingError.FailedPrecondition, e.Error));
        Assert.Contains("Offered with agent 'ann'", accept.Message, StringComparison.Ordinal);
        var snapshot = await interaction.GetSnapshot();
        Assert.Equal((InteractionStatus.Offered, "ann"), (snapshot.Status, snapshot.AgentId));
    }

    [Fact]
    public async Task UnknownInteraction_ActionsAreNotFound()
    {
        var error = await Assert.ThrowsAsync<RoutingException>(() => _centre.InteractionGrain("never-created").Hangup());

        Assert.Equal(RoutingError.NotFound, error.Error);
    }

    [Fact]
    public async Task UnconfiguredAgent_IsNotFound()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);

        var error = await Assert.ThrowsAsync<RoutingException>(() => _centre.AgentGrain("ghost").SetReady());

        Assert.Equal(RoutingError.NotFound, error.Error);
        Assert.Contains("'ghost'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadDisposition_IsRefusedAndInteractionStaysConnected()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var ann = await _centre.Ready("ann");
        var call = await _centre.Call("sales");
        await ann.NextOffer();
        await _centre.InteractionGrain(call).Accept("ann");

        var error = await Assert.ThrowsAsync<RoutingException>(() =>
            _centre.InteractionGrain(call).Complete("ann", new Disposition("ok", new string('n', 5_000))));

        Assert.Equal(RoutingError.InvalidArgument, error.Error);
        Assert.Equal(InteractionStatus.Connected, (await _centre.InteractionGrain(call).GetSnapshot()).Status);
    }

    [Fact]
    public async Task BadNotReadyReason_AndNotReadyWhileOffline_AreRefused()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);

        var offline = await Assert.ThrowsAsync<RoutingException>(() => _centre.AgentGrain("ann").SetNotReady(NotReadyReasons.Break));
        await _centre.AgentGrain("ann").Login();
        var badReason = await Assert.ThrowsAsync<RoutingException>(() => _centre.AgentGrain("ann").SetNotReady("coffee break!"));

        Assert.Equal(RoutingError.FailedPrecondition, offline.Error);
        Assert.Equal(RoutingError.InvalidArgument, badReason.Error);
        Assert.Equal(NotReadyReasons.LoggedIn, (await _centre.AgentGrain("ann").GetSnapshot()).Reason);
    }

    [Fact]
    public async Task Logout_WithInteractionInProgress_IsRefused()
    {
        await _centre.Apply([Queue("sales")], [Agent("ann")]);
        var ann = await _centre.Ready("ann");
        var call = await _centre.Call("sales");
        await ann.NextOffer();
        await _centre.InteractionGrain(call).Accept("ann");

        var error = await Assert.ThrowsAsync<RoutingException>(() => _centre.AgentGrain("ann").Logout());

        Assert.Equal(RoutingError.FailedPrecondition, error.Error);
        Assert.Equal(Presence.Available, (await _centre.AgentGrain("ann").GetSnapshot()).Presence);
    }

    [Fact]
    public async Task InvalidConfiguration_ReportsEveryProblemAndAppliesNothing()
    {
        var configuration = new TenantConfiguration
        {
            TenantId = _centre.TenantId,
            TimeZone = "Mars/Olympus",
            Queues =
            [
                Queue("sales") with { OfferTimeout = TimeSpan.Zero },
                Queue("sales"),
                Queue("bad queue"),
            ],
            Agents =
            [
                Agent("ann", Has("sales", 7)) with { Queues = ["missing"] },
                Agent("bob") with { Capacity = new ChannelCounts { Chat = -1 } },
            ],
        };

        var error = await Assert.ThrowsAsync<RoutingException>(() => fixture.Client.Tenant(_centre.TenantId).Apply(configuration));

        Assert.Equal(RoutingError.InvalidArgument, error.Error);
        foreach (var expected in new[] { "Mars/Olympus", "offer timeout", "'sales' is defined 2 times", "'bad queue'", "level 7", "'missing'", "capacity" })
        {
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }
        Assert.Null(await fixture.Client.Tenant(_centre.TenantId).GetConfiguration());
        Assert.False((await _centre.QueueGrain("sales").GetSnapshot()).Configured);
    }

    [Fact]
    public async Task ConfigurationForAnotherTenant_IsRefused()
    {
        var configuration = new TenantConfiguration { TenantId = "someone-else" };

        var error = await Assert.ThrowsAsync<RoutingException>(() => fixture.Client.Tenant(_centre.TenantId).Apply(configuration));

        Assert.Contains("sent to tenant", error.Message, StringComparison.Ordinal);
    }
}
