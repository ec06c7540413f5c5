using Routing.Abstractions.Agents;
using Routing.Abstractions.Interactions;
using Routing.Core;
using Routing.Core.Lifecycle;

namespace Routing.Grains.Tests.Stress;

/// <summary>
/// Checks the recorded outcome of a run. Each check returns the violations it found, described so a
/// failing run says exactly what went wrong.
/// </summary>
internal static class InvariantChecks
{
    private static readonly HashSet<InteractionEventKind> OfferEndings =
        [InteractionEventKind.OfferRejected, InteractionEventKind.OfferTimedOut, InteractionEventKind.OfferRescinded, InteractionEventKind.Connected];

    /// <summary>Every interaction is final, reached exactly one final state, and nothing followed it.</summary>
    public static IEnumerable<string> ExactlyOneFinalState(InteractionSnapshot interaction)
    {
        var finals = interaction.Events.Count(e => e.Status.IsFinal());
        if (!interaction.Status.IsFinal())
        {
            yield return $"{interaction.InteractionId} ended the run {interaction.Status}";
        }
        if (finals != 1)
        {
            yield return $"{interaction.InteractionId} has {finals} final events";
        }
        else if (!interaction.Events[^1].Status.IsFinal())
        {
            yield return $"{interaction.InteractionId} has events after its final state";
        }
    }

    /// <summary>Each offer ends (rejected, timed out, rescinded or connected) before the next one starts.</summary>
    public static IEnumerable<string> NeverOfferedTwiceAtOnce(InteractionSnapshot interaction)
    {
        string? ringingAt = null;
        foreach (var e in interaction.Events)
        {
            if (e.Kind == InteractionEventKind.Offered)
            {
                if (ringingAt is not null)
                {
                    yield return $"{interaction.InteractionId} offered to {e.AgentId} while still offered to {ringingAt}";
                }
                ringingAt = e.AgentId;
            }
            else if (OfferEndings.Contains(e.Kind))
            {
                if (ringingAt != e.AgentId)
                {
                    yield return $"{interaction.InteractionId}: {e.Kind} for {e.AgentId} but the offer was to {ringingAt ?? "nobody"}";
                }
                ringingAt = null;
            }
        }
    }

    /// <summary>The time an interaction held a slot of each agent, as the interaction recorded it. Offer
    /// and end are stamped after the agent reserved and before it released, so these intervals lie within
    /// the agent's own: overlapping ones here mean the agent really held them at once.</summary>
    public static IEnumerable<(string AgentId, Channel Channel, DateTimeOffset From, DateTimeOffset To, string InteractionId)> Holds(InteractionSnapshot interaction)
    {
        DateTimeOffset? from = null;
        string? agent = null;
        foreach (var e in interaction.Events)
        {
            if (e.Kind == InteractionEventKind.Offered)
            {
                (from, agent) = (e.At, e.AgentId);
            }
            else if (from is not null && (e.Kind is InteractionEventKind.OfferRejected or InteractionEventKind.OfferTimedOut or InteractionEventKind.OfferRescinded || e.Status.IsFinal()))
            {
                yield return (agent!, interaction.Channel, from.Value, e.At, interaction.InteractionId);
                (from, agent) = (null, null);
            }
        }
    }

    /// <summary>At no instant does an agent hold more than its capacity on a channel, or mix voice with other work.</summary>
    public static IEnumerable<string> CapacityNeverExceeded(
        string agentId,
        ChannelCounts capacity,
        IEnumerable<(Channel Channel, DateTimeOffset From, DateTimeOffset To, string InteractionId)> holds)
    {
        // Sweep: ends sort before starts at the same instant (intervals are half-open).
        var points = holds
            .SelectMany(h => new[] { (At: h.From, Delta: 1, h.Channel, h.InteractionId), (At: h.To, Delta: -1, h.Channel, h.InteractionId) })
            .OrderBy(p => p.At).ThenBy(p => p.Delta);
        var load = ChannelCounts.Zero;
        foreach (var point in points)
        {
            load = load.With(point.Channel, load[point.Channel] + point.Delta);
            if (point.Delta > 0 && load[point.Channel] > capacity[point.Channel])
            {
                yield return $"agent {agentId} held {load[point.Channel]} {point.Channel} interactions at {point.At:O} (capacity {capacity[point.Channel]})";
            }
            if (point.Delta > 0 && load.Voice > 0 && load.Total > load.Voice)
            {
                yield return $"agent {agentId} mixed voice with other work at {point.At:O} ({load})";
            }
        }
    }

    /// <summary>The agent's own history is a consistent story: numbered in order, time never goes back,
    /// each load change matches its cause, load never above capacity, and it ends idle.</summary>
    public static IEnumerable<string> HistoryIsConsistent(AgentSnapshot agent, AgentStateEntry[] history)
    {
        var capacity = agent.Capacity;
        AgentStateEntry? previous = null;
        var holding = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in history)
        {
            if (previous is not null && (entry.Sequence != previous.Sequence + 1 || entry.At < previous.At))
            {
                yield return $"agent {agent.AgentId}: entry {entry.Sequence} out of order after {previous.Sequence}";
            }
            var delta = entry.Load.Total - (previous?.Load.Total ?? 0);
            var expected = entry.Cause switch
            {
                AgentCause.Reserved => 1,
                AgentCause.Finished => -1,
                _ when entry.Cause.ToWireName().StartsWith("released", StringComparison.Ordinal) => -1,
                _ => 0,
            };
            if (delta != expected)
            {
                yield return $"agent {agent.AgentId}: '{entry.Cause}' changed load by {delta}, expected {expected}";
            }
            if (entry.InteractionId is { } id)
            {
                var ok = expected switch
                {
                    1 => holding.Add(id),
                    -1 => holding.Remove(id),
                    _ => holding.Contains(id),
                };
                if (!ok)
                {
                    yield return $"agent {agent.AgentId}: '{entry.Cause}' for {id} does not follow from the entries before it";
                }
            }
            foreach (var channel in Enum.GetValues<Channel>().Where(c => entry.Load[c] > capacity[c]))
            {
                yield return $"agent {agent.AgentId}: entry {entry.Sequence} records {entry.Load[channel]} {channel} over capacity {capacity[channel]}";
            }
            previous = entry;
        }
        if (previous is not null && (previous.Load.Total != 0 || holding.Count != 0 || previous.Presence != agent.Presence))
        {
            yield return $"agent {agent.AgentId}: history ends with load {previous.Load.Total} and {previous.Presence}; the agent is {agent.Presence} with {agent.Load.Total}";
        }
    }
}
