using Routing.Core;
using Routing.History;

namespace Routing.Reports.Benchmarks;

/// <summary>
/// A month of a large centre's interactions, spread evenly over <see cref="Days"/> days: ten queues, a thousand agents,
/// waits from 0 to 60 s, one in twelve abandoned (a quarter of those within 5 s), one in a hundred overflowed, one in
/// eleven transferred (a second leg), twelve disposition codes, fifty thousand customers.
/// </summary>
internal static class MonthOfInteractions
{
    public const int Days = 30;

    public static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(1));

    public static InteractionRecord Interaction(string tenantId, int number, int count)
    {
        var arrived = Start.AddTicks(TimeSpan.FromDays(Days).Ticks / count * number);
        var queue = $"queue-{number % 10}";
        var agent = $"agent-{number % 1_000}";
        var wait = TimeSpan.FromSeconds(number * 7 % 61);
        var state = (number % 12, number % 100) switch
        {
            (0, _) => InteractionStatus.Abandoned,
            (_, 1) => InteractionStatus.Overflowed,
            _ => InteractionStatus.Completed,
        };
        if (state != InteractionStatus.Completed)
        {
            return new InteractionRecord
            {
                TenantId = tenantId, InteractionId = $"i-{number:D9}", Version = 4, Channel = (Channel)(number % 4), State = state, QueueId = queue, Queues = [queue],
                CustomerId = $"customer-{number % 50_000}", ArrivedAt = arrived, EndedAt = arrived + wait, Wait = state == InteractionStatus.Abandoned && number % 48 == 0 ? TimeSpan.FromSeconds(2) : wait,
                EndCause = state.ToString(),
            };
        }
        var answered = arrived + wait;
        var ended = answered.AddMinutes(4);
        var transferred = number % 11 == 3;
        var first = new InteractionLegRecord
        {
            Index = 0, AgentId = agent, QueueId = queue, OfferedAt = answered, ConnectedAt = answered,
            EndedAt = transferred ? answered.AddMinutes(1) : ended, WrapUpEndedAt = transferred ? answered.AddMinutes(1) : ended.AddMinutes(1),
            Transferred = transferred, DispositionCode = transferred ? null : $"code-{number % 12}",
        };
        var second = new InteractionLegRecord
        {
            Index = 1, AgentId = $"agent-{(number + 1) % 1_000}", QueueId = $"queue-{(number + 1) % 10}", ConnectedAt = answered.AddMinutes(1).AddSeconds(10),
            EndedAt = ended, WrapUpEndedAt = ended.AddMinutes(1), DispositionCode = $"code-{number % 12}",
        };
        return new InteractionRecord
        {
            TenantId = tenantId, InteractionId = $"i-{number:D9}", Version = 9, Channel = (Channel)(number % 4), State = state,
            QueueId = transferred ? second.QueueId : queue, Queues = transferred ? [queue, second.QueueId] : [queue],
            Attributes = new Dictionary<string, string> { ["tier"] = "gold" }, CustomerId = $"customer-{number % 50_000}",
            ArrivedAt = arrived, FirstOfferedAt = answered, AnsweredAt = answered, EndedAt = ended, WrapUpEndedAt = ended.AddMinutes(1),
            AgentId = transferred ? second.AgentId : agent, Agents = transferred ? [agent, second.AgentId] : [agent],
            Wait = wait, Talk = TimeSpan.FromMinutes(4), WrapUp = TimeSpan.FromMinutes(1), DispositionCode = $"code-{number % 12}",
            Transfers = transferred ? 1 : 0, Legs = transferred ? [first, second] : [first],
        };
    }
}
