using Routing.Abstractions.Agents;

namespace Routing.Abstractions;

/// <summary>One sealed page of an agent's history (key <c>tenant/agentId/pageNumber</c>): written once,
/// read for reports, cleared when it falls out of the kept window. Calls no other grain.</summary>
// Not "routing.agent-history-page": that alias names the stored page, and aliases are unique across types.
[Alias("routing.agent-history-page-grain")]
public interface IAgentHistoryPageGrain : IGrainWithStringKey
{
    [Alias("Store")]
    Task Store(AgentStateEntry[] entries);

    [ReadOnly, AlwaysInterleave]
    [Alias("Read")]
    Task<AgentStateEntry[]> Read();

    [Alias("Clear")]
    Task Clear();
}
