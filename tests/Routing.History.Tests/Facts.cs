using Routing.Core;
using Routing.Core.Lifecycle;

namespace Routing.History.Tests;

/// <summary>Sample facts with every field filled in (times to the millisecond, some given with a local offset).</summary>
internal static class Facts
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    public static string NewTenant() => $"tenant-{Guid.NewGuid():N}";

    public static InteractionRecord Interaction(string tenantId, string interactionId, long version = 7, DateTimeOffset? arrivedAt = null)
    {
        var arrived = arrivedAt ?? Start;
        return new InteractionRecord
        {
            TenantId = tenantId,
            InteractionId = interactionId,
            Version = version,
            Channel = Channel.Chat,
            State = InteractionStatus.Completed,
            QueueId = "billing",
            Queues = ["sales", "billing"],
            EntryPoint = "+33140000000",
            Attributes = new Dictionary<string, string> { ["tier"] = "gold", ["ivr"] = "2 → 1", ["quote"] = "say \"hi\"" },
            CustomerId = "customer-42",
            ArrivedAt = arrived,
            FirstOfferedAt = arrived.AddSeconds(12.345),
            AnsweredAt = arrived.AddSeconds(15).ToOffset(TimeSpan.FromHours(2)),
            EndedAt = arrived.AddMinutes(4),
            WrapUpEndedAt = arrived.AddMinutes(5),
            AgentId = "bob",
            Agents = ["alice", "bob"],
            Wait = TimeSpan.FromMilliseconds(15_000),
            Talk = TimeSpan.FromMilliseconds(225_000),
            WrapUp = TimeSpan.FromMilliseconds(60_000),
            DispositionCode = "sold",
            DispositionNote = "upgraded to the yearly plan",
            EndCause = null,
            Transfers = 1,
            Legs =
            [
                new InteractionLegRecord
                {
                    Index = 0, AgentId = "alice", QueueId = "sales", OfferedAt = arrived.AddSeconds(12.345), ConnectedAt = arrived.AddSeconds(15),
                    EndedAt = arrived.AddMinutes(1), WrapUpEndedAt = arrived.AddMinutes(1.5), Transferred = true, DispositionCode = "transferred",
                },
                new InteractionLegRecord
                {
                    Index = 1, AgentId = "bob", QueueId = "billing", ConnectedAt = arrived.AddMinutes(1).AddSeconds(3),
                    EndedAt = arrived.AddMinutes(4), WrapUpEndedAt = arrived.AddMinutes(5), DispositionCode = "sold", DispositionNote = "upgraded to the yearly plan",
                },
            ],
        };
    }

    public static InteractionEventRecord Event(string tenantId, string interactionId, long sequence, InteractionEventKind kind = InteractionEventKind.Queued) => new()
    {
        TenantId = tenantId,
        InteractionId = interactionId,
        Sequence = sequence,
        At = Start.AddSeconds(sequence),
        Kind = kind,
        Status = kind == InteractionEventKind.Queued ? InteractionStatus.Queued : InteractionStatus.Connected,
        QueueId = "billing",
        AgentId = kind == InteractionEventKind.Queued ? null : "bob",
        Detail = $"event {sequence}",
    };

    public static AgentStateInterval Interval(string tenantId, string agentId, long sequence, DateTimeOffset? endedAt = null) => new()
    {
        TenantId = tenantId,
        AgentId = agentId,
        Sequence = sequence,
        StartedAt = Start.AddMinutes(sequence),
        EndedAt = endedAt,
        Presence = Presence.NotReady,
        Reason = NotReadyReasons.Break,
        Load = new ChannelCounts { Voice = 1, Chat = 2, Email = 3, Message = 4, Callback = 5 },
        Cause = AgentCause.NotReady.ToWireName(),
        InteractionId = "i-1",
    };

    public static SupervisorActionRecord Action(string tenantId, string actionId, int minute = 0) => new()
    {
        TenantId = tenantId,
        ActionId = actionId,
        SupervisorId = "sue",
        Action = "force-not-ready",
        TargetKind = "agent",
        TargetId = "bob",
        At = Start.AddMinutes(minute),
        Detail = "left for lunch without a break code",
    };

    /// <summary>The bundles of interactions <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1.</summary>
    public static IEnumerable<HistoryFact> Bundles(string tenantId, int first, int count) =>
        Enumerable.Range(first, count).SelectMany(number => Bundle(tenantId, number));

    /// <summary>An interaction with two events, an agent interval and a supervisor action: five facts.</summary>
    public static IEnumerable<HistoryFact> Bundle(string tenantId, int number)
    {
        var id = $"i-{number}";
        yield return Interaction(tenantId, id, arrivedAt: Start.AddSeconds(number));
        yield return Event(tenantId, id, 1);
        yield return Event(tenantId, id, 2, InteractionEventKind.Connected);
        yield return Interval(tenantId, $"agent-{number % 50}", number, Start.AddMinutes(number + 1));
        yield return Action(tenantId, $"action-{number}");
    }
}
