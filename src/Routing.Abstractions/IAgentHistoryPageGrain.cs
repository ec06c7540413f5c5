using Routing.Abstractions.Agents;

namespace Routing.Abstractions;

/// <summary>One sealed page of an agent's history (key <c>tenant/agentId/pageNumber</c>): written once,
/// read for reports, cleared when it falls out of the kept window. Calls no other grain.</summary>
public interface IAgentHistoryPageGrain : IGrainWithStringKey
{
    Task Store(AgentStateEntry[] entries);

    [ReadOnly, AlwaysInterleave]
    Task<AgentStateEntry[]> Read();

    Task Clear();
}
