using System.Text.Json;
using Routing.Abstractions.Configuration;
using Routing.Configuration;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.History;

namespace Routing.Server.Tests.Reports;

/// <summary>What the report tests find in the store: on 24 November 2026 (Paris, UTC+1) acme's "sales" queue (client
/// "initech") took three interactions between 09:00 and 09:15 local (one answered in 10 s and sold, one answered in 40 s,
/// one abandoned after 2 s: a short abandon) and globex one.</summary>
internal static class ReportSeed
{
    public const string Day = "2026-11-24";
    public static readonly DateTimeOffset Nine = new(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(1));

    public static IEnumerable<HistoryFact> Facts()
    {
        yield return Answered("acme", "acme-1", TimeSpan.FromSeconds(10), "sold");
        yield return Answered("acme", "acme-2", TimeSpan.FromSeconds(40), "no-sale") with { ArrivedAt = Nine.AddMinutes(5) };
        yield return new InteractionRecord
        {
            TenantId = "acme", InteractionId = "acme-3", Version = 2, Channel = Channel.Voice, State = InteractionStatus.Abandoned, QueueId = "sales",
            Queues = ["sales"], ArrivedAt = Nine.AddMinutes(10), EndedAt = Nine.AddMinutes(10).AddSeconds(2), Wait = TimeSpan.FromSeconds(2), ClientId = "initech",
        };
        yield return Answered("globex", "globex-1", TimeSpan.FromSeconds(5), "sold") with { ClientId = null };
        InteractionEventKind[] kinds = [InteractionEventKind.Queued, InteractionEventKind.Offered, InteractionEventKind.Connected];
        for (var sequence = 1; sequence <= kinds.Length; sequence++)
        {
            yield return new InteractionEventRecord
            {
                TenantId = "acme", InteractionId = "acme-1", Sequence = sequence, At = Nine.AddSeconds(sequence * 5),
                Kind = kinds[sequence - 1],
                Status = sequence == 3 ? InteractionStatus.Connected : sequence == 2 ? InteractionStatus.Offered : InteractionStatus.Queued,
                QueueId = "sales", AgentId = sequence == 1 ? null : "ann",
            };
        }
        yield return new AgentStateInterval
        {
            TenantId = "acme", AgentId = "ann", Sequence = 1, StartedAt = Nine.AddHours(-1), EndedAt = Nine.AddHours(1), Presence = Presence.Available,
            Cause = AgentCause.Ready.ToWireName(),
        };
    }

    private static InteractionRecord Answered(string tenant, string id, TimeSpan wait, string disposition)
    {
        var answered = Nine + wait;
        return new InteractionRecord
        {
            TenantId = tenant, InteractionId = id, Version = 5, Channel = Channel.Voice, State = InteractionStatus.Completed, QueueId = "sales", Queues = ["sales"],
            CustomerId = $"customer-of-{id}", ArrivedAt = Nine, AnsweredAt = answered, EndedAt = answered.AddMinutes(2), WrapUpEndedAt = answered.AddMinutes(3),
            AgentId = "ann", Agents = ["ann"], Wait = wait, Talk = TimeSpan.FromMinutes(2), WrapUp = TimeSpan.FromMinutes(1), DispositionCode = disposition, ClientId = "initech",
            Legs = [new InteractionLegRecord { Index = 0, AgentId = "ann", QueueId = "sales", ConnectedAt = answered, EndedAt = answered.AddMinutes(2), WrapUpEndedAt = answered.AddMinutes(3), DispositionCode = disposition }],
        };
    }

    /// <summary>The test centre with acme in Paris and its queue serving client "initech", threshold 20 s, short abandons under 5 s.</summary>
    public static async Task<string> WriteCentreAsync(string directory)
    {
        var centreFile = Path.Combine(directory, "centre.json");
        var centre = new CentreConfiguration
        {
            Tenants =
            [
                new TenantConfiguration
                {
                    TenantId = "acme", TimeZone = "Europe/Paris",
                    Queues = [new QueueDefinition { QueueId = "sales", Client = "initech", ServiceLevelThreshold = TimeSpan.FromSeconds(20) }],
                    Agents = [new AgentDefinition { AgentId = "ann" }],
                },
                new TenantConfiguration { TenantId = "globex", Queues = [new QueueDefinition { QueueId = "sales" }], Agents = [new AgentDefinition { AgentId = "gus" }] },
            ],
        };
        await File.WriteAllTextAsync(centreFile, JsonSerializer.Serialize(centre, CentreConfigurationFile.SerializerOptions));
        return centreFile;
    }
}
