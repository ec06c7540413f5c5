using Routing.Core;

namespace Routing.History.Tests.Reports;

/// <summary>
/// A day of a small centre as the grains record it: every interaction written once per change (queued, answered, final),
/// with transfers, abandons (short and long), overflows and rejections, some not final yet; the versions shuffled, some
/// repeated, and cut into batches, so they reach the store in any order, inside and across batches.
/// </summary>
internal static class SeededCentre
{
    public static readonly string[] Queues = ["billing", "sales", "support", "vip"];

    /// <summary>The batches, and how many interactions are final and not rejected (what the aggregates count).</summary>
    public static (List<HistoryBatch> Batches, int Counted) Batches(string tenant, DateTimeOffset from, TimeSpan span, int interactions, int seed)
    {
        var random = new Random(seed);
        var versions = new List<InteractionRecord>();
        var counted = 0;
        for (var n = 0; n < interactions; n++)
        {
            var arrived = from + TimeSpan.FromMilliseconds(random.NextDouble() * span.TotalMilliseconds);
            var history = Versions(tenant, $"i-{n}", Queues[random.Next(Queues.Length)], Queues[random.Next(Queues.Length)], arrived, random);
            counted += history[^1].State is InteractionStatus.Completed or InteractionStatus.Abandoned or InteractionStatus.Overflowed ? 1 : 0;
            versions.AddRange(history);
            // A retry: some versions are written twice.
            if (random.Next(4) == 0)
            {
                versions.Add(history[random.Next(history.Count)]);
            }
        }
        var shuffled = versions.OrderBy(_ => random.Next()).ToList();
        var batches = new List<HistoryBatch>();
        for (var first = 0; first < shuffled.Count;)
        {
            var size = Math.Min(shuffled.Count - first, 1 + random.Next(60));
            batches.Add(new HistoryBatch(shuffled.GetRange(first, size)));
            first += size;
        }
        return (batches, counted);
    }

    private static List<InteractionRecord> Versions(string tenant, string id, string queue, string transferQueue, DateTimeOffset arrived, Random random)
    {
        var wait = TimeSpan.FromMilliseconds(random.Next(0, 120_000));
        var queued = new InteractionRecord
        {
            TenantId = tenant, InteractionId = id, Version = 1, Channel = Channel.Voice, State = InteractionStatus.Queued, QueueId = queue, Queues = [queue],
            ArrivedAt = arrived, Wait = TimeSpan.Zero,
        };
        var outcome = random.Next(20);
        if (outcome == 0)
        {
            return [queued];
        }
        if (outcome is 1 or 2 or 3)
        {
            var state = outcome switch { 1 => InteractionStatus.Abandoned, 2 => InteractionStatus.Overflowed, _ => InteractionStatus.Rejected };
            // Short and long abandons: some waits under the thresholds.
            var unanswered = state == InteractionStatus.Abandoned && random.Next(2) == 0 ? TimeSpan.FromMilliseconds(random.Next(0, 12_000)) : wait;
            return [queued, queued with { Version = 4, State = state, EndedAt = arrived + unanswered, Wait = unanswered, EndCause = state.ToString() }];
        }
        var answered = arrived + wait;
        var talk = TimeSpan.FromMilliseconds(random.Next(10_000, 600_000));
        var firstLeg = new InteractionLegRecord { Index = 0, AgentId = $"agent-{random.Next(30)}", QueueId = queue, OfferedAt = answered, ConnectedAt = answered };
        var connected = queued with
        {
            Version = 3, State = InteractionStatus.Connected, FirstOfferedAt = answered, AnsweredAt = answered, Wait = wait, Legs = [firstLeg],
        };
        var ended = answered + talk;
        var wrapUp = TimeSpan.FromMilliseconds(random.Next(0, 90_000));
        List<InteractionLegRecord> legs = [firstLeg with { EndedAt = ended, WrapUpEndedAt = ended + wrapUp }];
        if (random.Next(5) == 0)
        {
            // Transferred after talking: the second leg connects later (often in a later quarter hour, another queue).
            var second = ended + TimeSpan.FromSeconds(random.Next(5, 60));
            legs = [firstLeg with { EndedAt = ended, WrapUpEndedAt = ended, Transferred = true },
                new InteractionLegRecord { Index = 1, AgentId = $"agent-{random.Next(30)}", QueueId = transferQueue, ConnectedAt = second, EndedAt = second + talk, WrapUpEndedAt = second + talk + wrapUp }];
            var transferring = connected with { Version = 5, QueueId = transferQueue, Queues = [queue, transferQueue], Legs = legs, Talk = talk, Transfers = 1 };
            if (random.Next(4) == 0)
            {
                // Still with the second agent: not final yet.
                return [queued, connected, transferring];
            }
            return [queued, connected, transferring, transferring with
            {
                Version = 8, State = InteractionStatus.Completed, EndedAt = second + talk, WrapUpEndedAt = second + talk + wrapUp, Talk = talk * 2, WrapUp = wrapUp,
            }];
        }
        if (random.Next(10) == 0)
        {
            return [queued, connected];
        }
        return [queued, connected, connected with
        {
            Version = 6, State = InteractionStatus.Completed, EndedAt = ended, WrapUpEndedAt = ended + wrapUp, Talk = talk, WrapUp = wrapUp, Legs = legs,
        }];
    }
}
