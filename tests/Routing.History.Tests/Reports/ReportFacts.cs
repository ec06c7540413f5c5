using Routing.Core;

namespace Routing.History.Tests.Reports;

/// <summary>Interactions shaped for the reports: answered, abandoned or overflowed after a given wait.</summary>
internal static class ReportFacts
{
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>Answered after <paramref name="wait"/>, talked <paramref name="talk"/> and wrapped up <paramref name="wrapUp"/> by one agent.</summary>
    public static InteractionRecord Answered(string tenant, string id, string queue, DateTimeOffset arrived, TimeSpan wait,
        TimeSpan? talk = null, TimeSpan? wrapUp = null, string agent = "ann", string? disposition = null, string? customer = null)
    {
        var answered = arrived + wait;
        var ended = answered + (talk ?? TimeSpan.FromMinutes(2));
        var wrapped = ended + (wrapUp ?? TimeSpan.FromSeconds(30));
        return new InteractionRecord
        {
            TenantId = tenant, InteractionId = id, Version = 5, Channel = Channel.Voice, State = InteractionStatus.Completed, QueueId = queue, Queues = [queue],
            CustomerId = customer, ArrivedAt = arrived, FirstOfferedAt = answered, AnsweredAt = answered, EndedAt = ended, WrapUpEndedAt = wrapped,
            AgentId = agent, Agents = [agent], Wait = wait, Talk = ended - answered, WrapUp = wrapped - ended, DispositionCode = disposition,
            Legs = [new InteractionLegRecord { Index = 0, AgentId = agent, QueueId = queue, OfferedAt = answered, ConnectedAt = answered, EndedAt = ended, WrapUpEndedAt = wrapped, DispositionCode = disposition }],
        };
    }

    /// <summary>Ended unanswered after <paramref name="wait"/> in <paramref name="state"/> (Abandoned, Overflowed, Rejected).</summary>
    public static InteractionRecord Unanswered(string tenant, string id, string queue, DateTimeOffset arrived, TimeSpan wait, InteractionStatus state = InteractionStatus.Abandoned) => new()
    {
        TenantId = tenant, InteractionId = id, Version = 3, Channel = Channel.Voice, State = state, QueueId = queue, Queues = [queue],
        ArrivedAt = arrived, EndedAt = arrived + wait, Wait = wait, EndCause = state.ToString(),
    };

    /// <summary>Answered in <paramref name="firstQueue"/> by ann, transferred by her to <paramref name="secondQueue"/> and completed there by bob.</summary>
    public static InteractionRecord Transferred(string tenant, string id, string firstQueue, string secondQueue, DateTimeOffset arrived)
    {
        var connected = arrived.AddSeconds(10);
        var transferred = connected.AddMinutes(1);
        var second = transferred.AddSeconds(20);
        var ended = second.AddMinutes(2);
        return new InteractionRecord
        {
            TenantId = tenant, InteractionId = id, Version = 9, Channel = Channel.Chat, State = InteractionStatus.Completed, QueueId = secondQueue, Queues = [firstQueue, secondQueue],
            ArrivedAt = arrived, FirstOfferedAt = connected, AnsweredAt = connected, EndedAt = ended, WrapUpEndedAt = ended, AgentId = "bob", Agents = ["ann", "bob"],
            Wait = TimeSpan.FromSeconds(10), Talk = TimeSpan.FromMinutes(3), Transfers = 1, DispositionCode = "resolved",
            Legs =
            [
                new InteractionLegRecord { Index = 0, AgentId = "ann", QueueId = firstQueue, ConnectedAt = connected, EndedAt = transferred, WrapUpEndedAt = transferred, Transferred = true },
                new InteractionLegRecord { Index = 1, AgentId = "bob", QueueId = secondQueue, ConnectedAt = second, EndedAt = ended, WrapUpEndedAt = ended, DispositionCode = "resolved" },
            ],
        };
    }
}
