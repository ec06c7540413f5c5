using Routing.Abstractions.Agents;
using Routing.Core;
using Routing.History;

namespace Routing.Grains.History;

/// <summary>
/// An agent's history entries as the store's state intervals: each entry starts an interval (keyed by its sequence)
/// that the next entry ends. The facts for entries <c>from</c>–<c>to</c> are the interval before <c>from</c>, now
/// closed, and one interval per entry, the last one still open; the store keeps an interval's end once it has one.
/// </summary>
internal static class AgentIntervals
{
    /// <summary>The intervals of entries <paramref name="from"/>–<paramref name="to"/> and the one before them, from
    /// <paramref name="entries"/> (contiguous, in sequence order, holding at least those).</summary>
    public static IReadOnlyList<HistoryFact> Make(string tenantId, string agentId, IReadOnlyList<AgentStateEntry> entries, long from, long to)
    {
        var facts = new List<HistoryFact>((int)(to - from) + 2);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Sequence >= from - 1 && entry.Sequence <= to)
            {
                var next = i + 1 < entries.Count ? entries[i + 1] : null;
                facts.Add(Interval(tenantId, agentId, entry, next?.At));
            }
        }
        return facts;
    }

    private static AgentStateInterval Interval(string tenantId, string agentId, AgentStateEntry entry, DateTimeOffset? endedAt) => new()
    {
        TenantId = tenantId,
        AgentId = agentId,
        Sequence = entry.Sequence,
        StartedAt = entry.At,
        EndedAt = endedAt,
        Presence = entry.Presence,
        Reason = entry.Reason,
        Load = entry.Load,
        Cause = entry.Cause.ToWireName(),
        InteractionId = entry.InteractionId,
    };
}
