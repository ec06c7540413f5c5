using Routing.Abstractions.Agents;
using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;

namespace Routing.Grains.Tests.Stress;

/// <summary>The stress test is only as good as its checks: each must catch the violation it is for.</summary>
public sealed class InvariantChecksTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CapacityNeverExceeded_TwoOverlappingCallsOnOneVoiceSlot_IsReported()
    {
        var holds = new[]
        {
            (Channel.Voice, T0, T0.AddSeconds(10), "i1"),
            (Channel.Voice, T0.AddSeconds(5), T0.AddSeconds(15), "i2"),
        };

        var violations = InvariantChecks.CapacityNeverExceeded("ann", new ChannelCounts { Voice = 1 }, holds).ToList();

        Assert.Contains(violations, v => v.Contains("held 2 Voice", StringComparison.Ordinal));
    }

    [Fact]
    public void CapacityNeverExceeded_BackToBackCalls_AreFine()
    {
        var holds = new[]
        {
            (Channel.Voice, T0, T0.AddSeconds(10), "i1"),
            (Channel.Voice, T0.AddSeconds(10), T0.AddSeconds(15), "i2"),
        };

        Assert.Empty(InvariantChecks.CapacityNeverExceeded("ann", new ChannelCounts { Voice = 1 }, holds));
    }

    [Fact]
    public void CapacityNeverExceeded_ChatDuringCall_IsReportedAsMixingVoice()
    {
        var holds = new[]
        {
            (Channel.Voice, T0, T0.AddSeconds(10), "i1"),
            (Channel.Chat, T0.AddSeconds(1), T0.AddSeconds(2), "i2"),
        };

        var violations = InvariantChecks.CapacityNeverExceeded("ann", new ChannelCounts { Voice = 1, Chat = 3 }, holds);

        Assert.Contains(violations, v => v.Contains("mixed voice", StringComparison.Ordinal));
    }

    [Fact]
    public void NeverOfferedTwiceAtOnce_SecondOfferBeforeFirstEnded_IsReported()
    {
        var interaction = Interaction(
            (InteractionEventKind.Queued, InteractionStatus.Queued, null),
            (InteractionEventKind.Offered, InteractionStatus.Offered, "ann"),
            (InteractionEventKind.Offered, InteractionStatus.Offered, "bob"));

        Assert.Contains(InvariantChecks.NeverOfferedTwiceAtOnce(interaction), v => v.Contains("while still offered to ann", StringComparison.Ordinal));
    }

    [Fact]
    public void ExactlyOneFinalState_TwoFinalEvents_IsReported()
    {
        var interaction = Interaction(
            (InteractionEventKind.Queued, InteractionStatus.Queued, null),
            (InteractionEventKind.Abandoned, InteractionStatus.Abandoned, null),
            (InteractionEventKind.Completed, InteractionStatus.Completed, "ann"));

        Assert.Contains(InvariantChecks.ExactlyOneFinalState(interaction), v => v.Contains("2 final events", StringComparison.Ordinal));
    }

    [Fact]
    public void HistoryIsConsistent_ReleaseWithoutReservation_IsReported()
    {
        var agent = new AgentSnapshot
        {
            TenantId = "t",
            AgentId = "ann",
            Presence = Presence.Available,
            Load = ChannelCounts.Zero,
            Capacity = new ChannelCounts { Voice = 1 },
            Slots = [],
            ConsecutiveMisses = 0,
            InteractionsToday = 0,
            Queues = [],
            PeakLoad = ChannelCounts.Zero,
            Version = 3,
        };
        AgentStateEntry[] history =
        [
            new() { Sequence = 1, At = T0, Presence = Presence.Available, Load = ChannelCounts.Zero, Cause = AgentCause.Ready },
            new() { Sequence = 2, At = T0, Presence = Presence.Available, Load = new ChannelCounts { Voice = 1 }, Cause = AgentCause.Reserved, InteractionId = "i1" },
            new() { Sequence = 3, At = T0, Presence = Presence.Available, Load = ChannelCounts.Zero, Cause = AgentCause.ReleasedRejected, InteractionId = "i2" },
        ];

        Assert.Contains(InvariantChecks.HistoryIsConsistent(agent, history), v => v.Contains("for i2 does not follow", StringComparison.Ordinal));
    }

    private static InteractionSnapshot Interaction(params (InteractionEventKind Kind, InteractionStatus Status, string? Agent)[] events) => new()
    {
        TenantId = "t",
        InteractionId = "i1",
        Status = events[^1].Status,
        QueueId = "q",
        Channel = Channel.Voice,
        Priority = 0,
        Arrival = T0,
        Events = [.. events.Select((e, i) => new InteractionEvent
        {
            InteractionId = "i1",
            Sequence = i + 1,
            At = T0.AddSeconds(i),
            Kind = e.Kind,
            Status = e.Status,
            QueueId = "q",
            AgentId = e.Agent,
        })],
    };
}
