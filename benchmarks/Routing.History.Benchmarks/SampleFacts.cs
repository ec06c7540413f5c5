using Routing.Core;
using Routing.Core.Lifecycle;

namespace Routing.History.Benchmarks;

/// <summary>Realistic facts: a completed interaction (one in ten abandoned, one in ten transferred: two legs), its
/// events, an agent interval and, for one interaction in twenty, a supervisor action.</summary>
internal static class SampleFacts
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    public static InteractionRecord Interaction(string tenantId, int number)
    {
        var arrived = Start.AddMilliseconds(number * 37L);
        return new InteractionRecord
        {
            TenantId = tenantId,
            InteractionId = $"i-{number:D9}",
            Version = 9,
            Channel = (Channel)(number % 4),
            State = number % 10 == 0 ? InteractionStatus.Abandoned : InteractionStatus.Completed,
            QueueId = $"queue-{number % 10}",
            Queues = [$"queue-{number % 10}"],
            EntryPoint = "+33140000000",
            Attributes = new Dictionary<string, string> { ["tier"] = "gold", ["ivr"] = "2" },
            CustomerId = $"customer-{number % 50_000}",
            ArrivedAt = arrived,
            FirstOfferedAt = arrived.AddSeconds(10),
            AnsweredAt = arrived.AddSeconds(14),
            EndedAt = arrived.AddMinutes(4),
            WrapUpEndedAt = arrived.AddMinutes(5),
            AgentId = $"agent-{number % 1_000}",
            Agents = Transferred(number) ? [$"agent-{(number + 1) % 1_000}", $"agent-{number % 1_000}"] : [$"agent-{number % 1_000}"],
            Wait = TimeSpan.FromSeconds(14),
            Talk = TimeSpan.FromSeconds(226),
            WrapUp = TimeSpan.FromSeconds(60),
            DispositionCode = $"code-{number % 12}",
            DispositionNote = number % 5 == 0 ? "customer asked for a call back next week" : null,
            Transfers = Transferred(number) ? 1 : 0,
            Legs = Transferred(number)
                ?
                [
                    new InteractionLegRecord
                    {
                        Index = 0, AgentId = $"agent-{(number + 1) % 1_000}", QueueId = $"queue-{number % 10}", OfferedAt = arrived.AddSeconds(10),
                        ConnectedAt = arrived.AddSeconds(14), EndedAt = arrived.AddMinutes(1), WrapUpEndedAt = arrived.AddMinutes(1.5), Transferred = true,
                    },
                    new InteractionLegRecord
                    {
                        Index = 1, AgentId = $"agent-{number % 1_000}", QueueId = $"queue-{number % 10}", ConnectedAt = arrived.AddMinutes(1),
                        EndedAt = arrived.AddMinutes(4), WrapUpEndedAt = arrived.AddMinutes(5), DispositionCode = $"code-{number % 12}",
                    },
                ]
                :
                [
                    new InteractionLegRecord
                    {
                        Index = 0, AgentId = $"agent-{number % 1_000}", QueueId = $"queue-{number % 10}", OfferedAt = arrived.AddSeconds(10),
                        ConnectedAt = arrived.AddSeconds(14), EndedAt = arrived.AddMinutes(4), WrapUpEndedAt = arrived.AddMinutes(5), DispositionCode = $"code-{number % 12}",
                    },
                ],
        };
    }

    private static bool Transferred(int number) => number % 10 == 5;

    /// <summary>The interaction and the facts around it: five on average.</summary>
    public static IEnumerable<HistoryFact> Bundle(string tenantId, int number)
    {
        var interaction = Interaction(tenantId, number);
        yield return interaction;
        InteractionEventKind[] kinds = [InteractionEventKind.Queued, InteractionEventKind.Connected, InteractionEventKind.Completed];
        for (var sequence = 1; sequence <= kinds.Length; sequence++)
        {
            yield return new InteractionEventRecord
            {
                TenantId = tenantId, InteractionId = interaction.InteractionId, Sequence = sequence, At = interaction.ArrivedAt.AddSeconds(sequence * 30),
                Kind = kinds[sequence - 1], Status = InteractionStatus.Connected, QueueId = interaction.QueueId, AgentId = interaction.AgentId,
            };
        }
        yield return new AgentStateInterval
        {
            TenantId = tenantId, AgentId = interaction.AgentId!, Sequence = number, StartedAt = interaction.AnsweredAt!.Value,
            EndedAt = interaction.EndedAt, Presence = Presence.Available, Load = new ChannelCounts { Chat = 1 },
            Cause = AgentCause.Connected.ToWireName(), InteractionId = interaction.InteractionId,
        };
        if (number % 20 == 0)
        {
            yield return new SupervisorActionRecord
            {
                TenantId = tenantId, ActionId = $"action-{number}", SupervisorId = "sue", Action = "force-not-ready",
                TargetKind = "agent", TargetId = interaction.AgentId!, At = interaction.EndedAt!.Value,
            };
        }
    }
}
