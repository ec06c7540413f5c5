using Routing.Abstractions;
using Routing.Abstractions.Agents;

namespace Routing.Grains.Agents;

/// <summary>A sealed page of an agent's history, stored once.</summary>
internal sealed class AgentHistoryPageGrain(
    [PersistentState("agent-history-page", RoutingSiloBuilderExtensions.StorageName)] IPersistentState<AgentHistoryPage> page)
    : Grain, IAgentHistoryPageGrain
{
    public async Task Store(AgentStateEntry[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        page.State.Entries = entries;
        await page.WriteStateAsync();
    }

    public Task<AgentStateEntry[]> Read() => Task.FromResult(page.State.Entries);

    public async Task Clear()
    {
        await page.ClearStateAsync();
        DeactivateOnIdle();
    }
}

/// <summary>The stored entries of one history page.</summary>
[GenerateSerializer, Alias("routing.agent-history-page")]
public sealed class AgentHistoryPage
{
    [Id(0)] public AgentStateEntry[] Entries { get; set; } = [];
}
