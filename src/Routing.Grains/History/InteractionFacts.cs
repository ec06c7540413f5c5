using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.Grains.Interactions;
using Routing.History;

namespace Routing.Grains.History;

/// <summary>
/// What the history store keeps of an interaction, made from its grain state: the <see cref="InteractionRecord"/> as it
/// stands (with its legs; its version is the sequence of its last event, so a later state replaces an earlier one) and
/// the events of a range of sequences. Times and durations come from the events and legs the grain already keeps.
/// </summary>
internal static class InteractionFacts
{
    /// <summary>The attribute a gateway may set to name where the contact came in (a dialled number's entry point).</summary>
    public const string EntryPointAttribute = Abstractions.EntryPoints.EntryDecision.EntryPointAttribute;

    /// <summary>The interaction as it stands and its events <paramref name="from"/>–<paramref name="to"/> (sequences from 1).</summary>
    public static IReadOnlyList<HistoryFact> Make(string tenantId, string interactionId, InteractionState state, Channel channel, string queueId, long from, long to)
    {
        var facts = new List<HistoryFact>((int)(to - from) + 2) { Interaction(tenantId, interactionId, state, channel, queueId) };
        for (var sequence = from; sequence <= to; sequence++)
        {
            facts.Add(Event(tenantId, state.Events[(int)sequence - 1]));
        }
        return facts;
    }

    public static InteractionRecord Interaction(string tenantId, string interactionId, InteractionState state, Channel channel, string queueId)
    {
        var events = state.Events;
        var legs = state.Legs;
        var last = events.Count > 0 ? events[^1] : null;
        var final = state.Status.IsFinal();
        var answeredAt = legs.Count > 0 ? legs[0].ConnectedAt : (DateTimeOffset?)null;
        DateTimeOffset? endedAt = final && state.Status != InteractionStatus.Completed ? last?.At : legs.Count > 0 ? legs[^1].EndedAt : null;
        var spec = state.Spec!;
        return new InteractionRecord
        {
            TenantId = tenantId,
            InteractionId = interactionId,
            Version = events.Count,
            Channel = channel,
            State = state.Status,
            QueueId = queueId,
            Queues = QueuesOf(spec.QueueId, events),
            EntryPoint = spec.Attributes.GetValueOrDefault(EntryPointAttribute),
            Attributes = spec.Attributes,
            CustomerId = spec.CustomerId,
            // Full values: the recorder's protector applies the tenant's personal data policy before anything is stored.
            CustomerNumber = spec.CustomerNumber,
            CallbackNumber = state.CallbackNumber,
            ArrivedAt = state.Arrival,
            FirstOfferedAt = FirstOffered(events),
            AnsweredAt = answeredAt,
            EndedAt = endedAt,
            WrapUpEndedAt = state.Status == InteractionStatus.Completed && legs.Count > 0 ? legs[^1].CompletedAt : null,
            AgentId = legs.Count > 0 ? legs[^1].AgentId : null,
            Agents = AgentsOf(legs),
            Wait = NotNegative((answeredAt ?? endedAt ?? last?.At ?? state.Arrival) - state.Arrival),
            Talk = Sum(legs, l => l.EndedAt - l.ConnectedAt),
            WrapUp = Sum(legs, l => l.CompletedAt - l.EndedAt),
            DispositionCode = state.Disposition?.Code,
            DispositionNote = state.Disposition?.Note,
            EndCause = final && state.Status != InteractionStatus.Completed ? last?.Overflow?.Describe() ?? last?.Detail : null,
            Transfers = Transfers(events),
            ClientId = state.QueueClient,
            Legs = LegsOf(legs, events),
        };
    }

    // The interaction record is made at every change of the interaction: plain loops over these short lists, where
    // LINQ's Distinct would build a hash set each time.
    private static List<string> QueuesOf(string first, List<InteractionEvent> events)
    {
        var queues = new List<string>(2) { first };
        foreach (var e in events)
        {
            if (!queues.Contains(e.QueueId, StringComparer.Ordinal))
            {
                queues.Add(e.QueueId);
            }
        }
        return queues;
    }

    private static List<string> AgentsOf(List<InteractionLeg> legs)
    {
        var agents = new List<string>(legs.Count);
        foreach (var leg in legs)
        {
            if (!agents.Contains(leg.AgentId, StringComparer.Ordinal))
            {
                agents.Add(leg.AgentId);
            }
        }
        return agents;
    }

    private static List<InteractionLegRecord> LegsOf(List<InteractionLeg> legs, List<InteractionEvent> events)
    {
        var records = new List<InteractionLegRecord>(legs.Count);
        for (var index = 0; index < legs.Count; index++)
        {
            records.Add(Leg(legs[index], index, events));
        }
        return records;
    }

    private static DateTimeOffset? FirstOffered(List<InteractionEvent> events)
    {
        foreach (var e in events)
        {
            if (e.Kind == InteractionEventKind.Offered)
            {
                return e.At;
            }
        }
        return null;
    }

    private static int Transfers(List<InteractionEvent> events)
    {
        var transfers = 0;
        foreach (var e in events)
        {
            if (e.Kind == InteractionEventKind.Transferred)
            {
                transfers++;
            }
        }
        return transfers;
    }

    private static InteractionLegRecord Leg(InteractionLeg leg, int index, List<InteractionEvent> events) => new()
    {
        Index = index,
        AgentId = leg.AgentId,
        QueueId = leg.QueueId,
        OfferedAt = events.LastOrDefault(e => e.Kind == InteractionEventKind.Offered && e.AgentId == leg.AgentId && e.At <= leg.ConnectedAt)?.At,
        ConnectedAt = leg.ConnectedAt,
        EndedAt = leg.EndedAt,
        WrapUpEndedAt = leg.CompletedAt,
        Transferred = leg.Transferred,
        DispositionCode = leg.Disposition?.Code,
        DispositionNote = leg.Disposition?.Note,
    };

    private static InteractionEventRecord Event(string tenantId, InteractionEvent e) => new()
    {
        TenantId = tenantId,
        InteractionId = e.InteractionId,
        Sequence = e.Sequence,
        At = e.At,
        Kind = e.Kind,
        Status = e.Status,
        QueueId = e.QueueId,
        AgentId = e.AgentId,
        Detail = e.Overflow?.Describe() ?? e.Detail,
    };

    private static TimeSpan Sum(List<InteractionLeg> legs, Func<InteractionLeg, TimeSpan?> duration)
    {
        var total = TimeSpan.Zero;
        foreach (var leg in legs)
        {
            total += NotNegative(duration(leg) ?? TimeSpan.Zero);
        }
        return total;
    }

    private static TimeSpan NotNegative(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;
}
