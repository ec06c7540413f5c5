using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Routing.Abstractions.Agents;
using Routing.Abstractions.Interactions;
using Routing.Core;

namespace Routing.Grains.Tests.Lifecycle;

/// <summary>History entries stored before <see cref="AgentCause"/> (the cause a string at id 5) still read, through
/// Orleans' serializer as grain storage uses it, with the cause their string named.</summary>
public sealed class AgentHistoryEntryTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(AgentHistoryEntryTests).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Theory]
    [InlineData("login", AgentCause.Login)]
    [InlineData("not-ready", AgentCause.NotReady)]
    [InlineData("released-timedout", AgentCause.ReleasedTimedOut)]
    [InlineData("released-stale-reservation", AgentCause.ReleasedStale)]
    [InlineData("a-cause-no-build-knew", AgentCause.Unknown)]
    public void StoredBeforeTheEnum_ReadsTheCauseItsStringNamed(string storedCause, AgentCause expected)
    {
        var stored = new AgentStateEntryBeforeAgentCause
        {
            Sequence = 7,
            At = DateTimeOffset.UnixEpoch,
            Presence = Presence.NotReady,
            Reason = "break",
            Load = new ChannelCounts { Chat = 1 },
            Cause = storedCause,
            InteractionId = "i-1",
        };

        var read = Assert.IsType<AgentStateEntry>(Serializer.Deserialize<AgentStateEntry>(Serializer.SerializeToArray(stored)));

        Assert.Equal(expected, read.Cause);
        Assert.Equal((7L, Presence.NotReady, "break", 1, "i-1"), (read.Sequence, read.Presence, read.Reason, read.Load.Chat, read.InteractionId));
    }

    [Fact]
    public void NewEntry_RoundTripsItsCause()
    {
        var entry = new AgentStateEntry
        {
            Sequence = 1,
            At = DateTimeOffset.UnixEpoch,
            Presence = Presence.Available,
            Load = ChannelCounts.Zero,
            Cause = AgentCause.ReleasedRescinded,
        };

        Assert.Equal(entry, Serializer.Deserialize<AgentStateEntry>(Serializer.SerializeToArray(entry)));
    }

    [Fact]
    public void NewEntry_ReadsWithItsCauseOnASiloOfThePreviousVersion()
    {
        var entry = new AgentStateEntry
        {
            Sequence = 2,
            At = DateTimeOffset.UnixEpoch,
            Presence = Presence.NotReady,
            Load = ChannelCounts.Zero,
            Cause = AgentCause.NoAnswer,
        };

        var read = Serializer.Deserialize<AgentStateEntryBeforeAgentCause>(Serializer.SerializeToArray(entry));

        Assert.Equal("no-answer", read?.Cause);
    }

    // Each release records what the string built from the outcome's name ("released-" + lower-cased) recorded.
    [Fact]
    public void EveryOfferOutcome_ReleasesWithTheNameItHadBeforeTheEnum() =>
        Assert.All(Enum.GetValues<OfferOutcome>(), outcome =>
            Assert.Equal($"released-{outcome.ToString().ToLowerInvariant()}", outcome.ReleasedCause().ToWireName()));
}

/// <summary><see cref="AgentStateEntry"/> as stored before <see cref="AgentCause"/>: the same ids, the cause a string.</summary>
[GenerateSerializer, Immutable, Alias("routing.tests.agent-state-entry-before-agent-cause")]
public sealed record AgentStateEntryBeforeAgentCause
{
    [Id(0)] public required long Sequence { get; init; }
    [Id(1)] public required DateTimeOffset At { get; init; }
    [Id(2)] public required Presence Presence { get; init; }
    [Id(3)] public string? Reason { get; init; }
    [Id(4)] public required ChannelCounts Load { get; init; }
    [Id(5)] public required string Cause { get; init; }
    [Id(6)] public string? InteractionId { get; init; }
}
